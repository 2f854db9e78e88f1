package cmake

import (
	"strings"
	"testing"
)

// argStrings renders args as kind:raw and checks that each span slices to
// the argument as written.
func argStrings(t *testing.T, src string, cmd Command) []string {
	t.Helper()
	var out []string
	for _, a := range cmd.Args {
		text := src[a.Span.Start:a.Span.End]
		if a.RawStart < a.Span.Start || a.RawStart+len(a.Raw) > a.Span.End || src[a.RawStart:a.RawStart+len(a.Raw)] != a.Raw {
			t.Errorf("arg %q: Raw %q is not at RawStart %d", text, a.Raw, a.RawStart)
		}
		out = append(out, a.Kind.String()+":"+a.Raw)
	}
	return out
}

func TestParseArgumentForms(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"unquoted", "foo(a b\tc)", []string{"unquoted:a", "unquoted:b", "unquoted:c"}},
		{"quoted", `foo("a b" "")`, []string{"quoted:a b", "quoted:"}},
		{"quoted escapes", `foo("a\"b\\c\n")`, []string{`quoted:a\"b\\c\n`}},
		{"quoted continuation", "foo(\"one \\\ntwo\")", []string{"quoted:one \\\ntwo"}},
		{"quoted multiline", "foo(\"a\nb\")", []string{"quoted:a\nb"}},
		{"quoted variable", `foo("${X}/y")`, []string{"quoted:${X}/y"}},
		{"bracket", "foo([[a ; b]])", []string{"bracket:a ; b"}},
		{"bracket with equals", "foo([==[x]]y]=]z]==])", []string{"bracket:x]]y]=]z"}},
		{"bracket drops first newline", "foo([[\nline]])", []string{"bracket:line"}},
		{"bracket drops first crlf", "foo([[\r\nline]])", []string{"bracket:line"}},
		{"not a bracket", "foo([a] [=x)", []string{"unquoted:[a]", "unquoted:[=x"}},
		{"unquoted escapes", `foo(a\ b c\;d)`, []string{`unquoted:a\ b`, `unquoted:c\;d`}},
		{"legacy quote", `foo(-DX="a b" y)`, []string{`unquoted:-DX="a b"`, "unquoted:y"}},
		{"legacy make variable", "foo($(CC)x y)", []string{"unquoted:$(CC)x", "unquoted:y"}},
		{"nested parens", "if((A OR B) AND C)", []string{"unquoted:(", "unquoted:A", "unquoted:OR", "unquoted:B", "unquoted:)", "unquoted:AND", "unquoted:C"}},
		{"space before paren", "foo (a)", []string{"unquoted:a"}},
		{"newlines between args", "foo(\n  a\n  b\n)", []string{"unquoted:a", "unquoted:b"}},
		{"comment inside args", "foo(a # note )\n b)", []string{"unquoted:a", "unquoted:b"}},
		{"bracket comment inside args", "foo(a #[[ ) ]] b)", []string{"unquoted:a", "unquoted:b"}},
		{"hash ends unquoted", "foo(a#b\n c)", []string{"unquoted:a", "unquoted:c"}},
		{"variable reference", "foo(${A}${B} ${A}/x)", []string{"unquoted:${A}${B}", "unquoted:${A}/x"}},
		{"no args", "foo()", nil},
		{"crlf", "foo(a\r\n b)\r\n", []string{"unquoted:a", "unquoted:b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lf := Parse([]byte(tt.src))
			if len(lf.Problems) > 0 {
				t.Fatalf("problems: %+v", lf.Problems)
			}
			if len(lf.Commands) != 1 {
				t.Fatalf("got %d commands, want 1", len(lf.Commands))
			}
			got := argStrings(t, tt.src, lf.Commands[0])
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("args = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseCommandSpans(t *testing.T) {
	src := "Add_Library(m MODULE a.c)\n  set(X \"y\")  # tail\n"
	lf := Parse([]byte(src))
	if len(lf.Commands) != 2 {
		t.Fatalf("got %d commands", len(lf.Commands))
	}
	c := lf.Commands[0]
	if c.Name != "Add_Library" || src[c.NameSpan.Start:c.NameSpan.End] != "Add_Library" {
		t.Errorf("name %q span %v", c.Name, c.NameSpan)
	}
	if got := src[c.Span.Start:c.Span.End]; got != "Add_Library(m MODULE a.c)" {
		t.Errorf("span slices to %q", got)
	}
	if got := src[lf.Commands[1].Span.Start:lf.Commands[1].Span.End]; got != `set(X "y")` {
		t.Errorf("second span slices to %q", got)
	}
	if q := lf.Commands[1].Args[1]; src[q.Span.Start:q.Span.End] != `"y"` {
		t.Errorf("quoted span slices to %q", src[q.Span.Start:q.Span.End])
	}
}

func TestParseComments(t *testing.T) {
	src := "# line one\r\n#[[block\n  comment]] foo()\n#[==[ x ]] ]==]\n#[not a bracket\nbar() # end"
	lf := Parse([]byte(src))
	want := []string{"# line one", "#[[block\n  comment]]", "#[==[ x ]] ]==]", "#[not a bracket", "# end"}
	if len(lf.Comments) != len(want) {
		t.Fatalf("comments = %+v", lf.Comments)
	}
	for i, c := range lf.Comments {
		if c.Text != want[i] || src[c.Span.Start:c.Span.End] != c.Text {
			t.Errorf("comment %d = %q (span %q), want %q", i, c.Text, src[c.Span.Start:c.Span.End], want[i])
		}
	}
	if len(lf.Commands) != 2 || lf.Commands[0].Name != "foo" || lf.Commands[1].Name != "bar" {
		t.Errorf("commands = %+v", lf.Commands)
	}
	if len(lf.Problems) != 0 {
		t.Errorf("problems = %+v", lf.Problems)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		message  string // substring of the first problem
		at       string // what the problem's span slices to (prefix)
		commands []string
	}{
		{"unterminated bracket argument", "foo([=[ abc\nbar(x)\n", "unterminated bracket argument: no closing ]=]", "[=[", []string{"foo", "bar"}},
		{"unterminated quoted argument", "foo(\"abc\nbar(x)\n", "unterminated quoted argument", "\"abc", []string{"foo", "bar"}},
		{"unterminated bracket comment", "#[[ open\nfoo(a)\n", "unterminated bracket comment", "#[[", []string{"foo"}},
		{"missing close paren", "add_library(m MODULE a.c\nset(X y)\n", "unbalanced parentheses", "(", []string{"add_library", "set"}},
		{"missing close paren at end", "foo(a b", "unbalanced parentheses", "(", []string{"foo"}},
		{"extra nested paren", "if((A)\n", "unbalanced parentheses", "(", []string{"if"}},
		{"no paren after name", "foo bar\nbaz()\n", "expected '(' after command name \"foo\"", "foo", []string{"baz"}},
		{"stray close paren", ")\nfoo()\n", "unexpected ')'", ")", []string{"foo"}},
		{"invalid escape", `foo(a\qb)`, `invalid escape sequence \q`, `\q`, []string{"foo"}},
		{"backslash at end", `foo(a\`, "backslash at end of file", `\`, []string{"foo"}},
		{"unquoted continuation", "foo(a\\\nb)", "line continuation outside a quoted argument", `\`, []string{"foo"}},
		{"legacy quote runs to newline", "foo(-DX=\"a\nb)", "unterminated quote inside an unquoted argument", `"a`, []string{"foo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lf := Parse([]byte(tt.src))
			if len(lf.Problems) == 0 {
				t.Fatalf("no problem reported")
			}
			p := lf.Problems[0]
			if !strings.Contains(p.Message, tt.message) {
				t.Errorf("message %q, want it to contain %q", p.Message, tt.message)
			}
			if got := tt.src[p.Span.Start:p.Span.End]; !strings.HasPrefix(got, tt.at) {
				t.Errorf("problem span slices to %q, want prefix %q", got, tt.at)
			}
			var names []string
			for _, c := range lf.Commands {
				names = append(names, c.Name)
			}
			if strings.Join(names, ",") != strings.Join(tt.commands, ",") {
				t.Errorf("commands = %v, want %v", names, tt.commands)
			}
		})
	}
}

func TestParseRecoveryKeepsArgsBeforeCut(t *testing.T) {
	src := "add_library(m MODULE a.c # why\n  b.c\nset(X y) # kept\n"
	lf := Parse([]byte(src))
	if len(lf.Commands) != 2 {
		t.Fatalf("commands = %+v", lf.Commands)
	}
	add := lf.Commands[0]
	if got := argStrings(t, src, add); strings.Join(got, " ") != "unquoted:m unquoted:MODULE unquoted:a.c unquoted:b.c" {
		t.Errorf("args = %v", got)
	}
	if got := src[add.Span.Start:add.Span.End]; got != "add_library(m MODULE a.c # why\n  b.c" {
		t.Errorf("span = %q", got)
	}
	if len(lf.Comments) != 2 || lf.Comments[1].Text != "# kept" {
		t.Errorf("comments = %+v", lf.Comments)
	}
}
