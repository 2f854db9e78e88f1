package meson

import (
	"fmt"
	"strings"
	"testing"
)

// sexpr renders a node as an S-expression for compact assertions.
func sexpr(n Node) string {
	switch n := n.(type) {
	case nil:
		return "<nil>"
	case *Ident:
		return n.Name
	case *StringLit:
		if n.Format {
			return fmt.Sprintf("f%q", n.Value)
		}
		return fmt.Sprintf("%q", n.Value)
	case *NumberLit:
		return n.Text
	case *BoolLit:
		return fmt.Sprint(n.Value)
	case *ArrayLit:
		return "[" + list(n.Elems) + "]"
	case *DictLit:
		var parts []string
		for i := range n.Keys {
			parts = append(parts, sexpr(n.Keys[i])+":"+sexpr(n.Values[i]))
		}
		return "{" + strings.Join(parts, " ") + "}"
	case *Call:
		s := "(call "
		if n.Recv != nil {
			s += sexpr(n.Recv) + "."
		}
		s += n.Name.Name
		for _, a := range n.Args {
			s += " " + sexpr(a)
		}
		for _, k := range n.Kwargs {
			s += " " + k.Key.Name + ":" + sexpr(k.Value)
		}
		return s + ")"
	case *Index:
		return "(index " + sexpr(n.X) + " " + sexpr(n.Index) + ")"
	case *Binary:
		return "(" + n.Op + " " + sexpr(n.X) + " " + sexpr(n.Y) + ")"
	case *Unary:
		return "(" + n.Op + " " + sexpr(n.X) + ")"
	case *Ternary:
		return "(? " + sexpr(n.Cond) + " " + sexpr(n.Then) + " " + sexpr(n.Else) + ")"
	case *Assign:
		return "(" + n.Op + " " + n.Target.Name + " " + sexpr(n.Value) + ")"
	case *ExprStmt:
		return sexpr(n.X)
	case *If:
		s := "(if"
		for _, c := range n.Clauses {
			s += " " + sexpr(c.Cond) + " {" + list(c.Body) + "}"
		}
		if n.Else != nil {
			s += " else {" + list(n.Else) + "}"
		}
		return s + ")"
	case *Foreach:
		var vs []string
		for _, v := range n.Vars {
			vs = append(vs, v.Name)
		}
		return "(foreach " + strings.Join(vs, ",") + " " + sexpr(n.Iter) + " {" + list(n.Body) + "})"
	case *Jump:
		return n.Keyword
	}
	return fmt.Sprintf("?%T", n)
}

func list(ns []Node) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = sexpr(n)
	}
	return strings.Join(s, " ")
}

func TestParseForms(t *testing.T) {
	tests := []struct{ src, want string }{
		{"x = 'a'", `(= x "a")`},
		{"x += ['a', 'b',]", `(+= x ["a" "b"])`},
		{"x = '''multi\nline'''", `(= x "multi\nline")`},
		{`x = 'it\'s\n\x41\u00e9\101\q'`, `(= x "it's\nAé` + "A" + `\\q")`},
		{"x = f'@name@.c'", `(= x f"@name@.c")`},
		{"x = 0x1F + 0o7 - 0b1 * 10 / 2 % 3", "(= x (- (+ 0x1F 0o7) (% (/ (* 0b1 10) 2) 3)))"},
		{"x = a or b and not c", "(= x (or a (and b (not c))))"},
		{"x = a == b and c != d or e < f", "(= x (or (and (== a b) (!= c d)) (< e f)))"},
		{"x = 'a' in l and 'b' not in l", `(= x (and (in "a" l) (not in "b" l)))`},
		{"x = c ? 'a' : 'b'", `(= x (? c "a" "b"))`},
		{"x = -1", "(= x (- 1))"},
		{"x = {'a': 1, 'b': [2]}", `(= x {"a":1 "b":[2]})`},
		{"x = l[0]", "(= x (index l 0))"},
		{"x = (a + b) * c", "(= x (* (+ a b) c))"},
		{"py = import('python').find_installation('python3', required : true)", `(= py (call (call import "python").find_installation "python3" required:true))`},
		{"py.extension_module('m',\n  'a.c',\n  c_args : ['-DX'],\n  install : true,\n)", `(call py.extension_module "m" "a.c" c_args:["-DX"] install:true)`},
		{"f(a ? b : c)", "(call f (? a b c))"},
		{"x = 'a' / 'b'", `(= x (/ "a" "b"))`},
		{"x = a \\\n + b", "(= x (+ a b))"},
		{"if a\n x = 1\nelif b\n x = 2\nelse\n x = 3\nendif", "(if a {(= x 1)} b {(= x 2)} else {(= x 3)})"},
		{"foreach k, v : d\n if k == 'a'\n  break\n endif\n continue\nendforeach", `(foreach k,v d {(if (== k "a") {break}) continue})`},
		{"x = true\ny = false", "(= x true) (= y false)"},
		{"\n\n# only a comment\n\nf()\n", "(call f)"},
	}
	for _, tt := range tests {
		prog, _, problems := Parse([]byte(tt.src))
		if len(problems) > 0 {
			t.Errorf("%q: problems %+v", tt.src, problems)
			continue
		}
		if got := list(prog.Stmts); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestParseSpans(t *testing.T) {
	src := "mod = py.extension_module('m', files('a.c'))  # trailing\n"
	prog, comments, _ := Parse([]byte(src))
	a := prog.Stmts[0].(*Assign)
	if got := src[a.Span.Start:a.Span.End]; got != "mod = py.extension_module('m', files('a.c'))" {
		t.Errorf("assign span %q", got)
	}
	c := a.Value.(*Call)
	if got := src[c.Span.Start:c.Span.End]; got != "py.extension_module('m', files('a.c'))" {
		t.Errorf("call span %q", got)
	}
	if got := src[c.Args[0].Pos().Start:c.Args[0].Pos().End]; got != "'m'" {
		t.Errorf("string span %q", got)
	}
	if len(comments) != 1 || comments[0].Text != "# trailing" || src[comments[0].Span.Start:comments[0].Span.End] != "# trailing" {
		t.Errorf("comments %+v", comments)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, src string
		message   string // substring of the first problem
		at        string // prefix of what its span slices to
		stmts     string // what was still parsed
	}{
		{"unterminated string", "x = 'abc\ny = 1", "unterminated string", "'abc", `(= x "abc") (= y 1)`},
		{"unterminated multiline", "x = '''abc\ny = 1", "unterminated multiline string", "'''", `(= x "abc\ny = 1")`},
		{"unclosed paren", "x = f('a',\ny = 1\nz = 2", "expected ',' or ')', found \"=\"", "=", "(= y 1) (= z 2)"},
		{"unclosed paren at end", "x = f('a'", "unbalanced", "(", ""},
		{"unclosed array", "x = ['a'\ny = 1", "expected ',' or ']'", "y", "(= y 1)"},
		{"missing endif", "if a\nx = 1\n", "if has no matching endif", "if", "(if a {(= x 1)})"},
		{"missing endforeach", "foreach x : l\ny = x\n", "foreach has no matching endforeach", "foreach", "(foreach x l {(= y x)})"},
		{"stray endif", "endif\nx = 1", "unexpected endif", "endif", "(= x 1)"},
		{"bad if condition", "if a ==\nx = 1\nendif", "expected an expression", "\n", "(if <nil> {(= x 1)})"},
		{"two statements on a line", "x = 1 y = 2\nz = 3", "expected end of line", "y", "(= z 3)"},
		{"bad character", "x = 1 $\ny = 2", "unexpected character '$'", "$", "(= x 1) (= y 2)"},
		{"positional after keyword", "f(a: 1, b)\ny = 2", "positional argument after keyword", "b", "(= y 2)"},
		{"method without parens", "x = a.b\ny = 2", "expected '(' after method name", "\n", "(= y 2)"},
		{"else then elif", "if a\nelse\nelif b\nendif\nx = 1", "elif after else", "elif", "(= x 1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog, _, problems := Parse([]byte(tt.src))
			if len(problems) == 0 {
				t.Fatalf("no problem")
			}
			p := problems[0]
			if !strings.Contains(p.Message, tt.message) {
				t.Errorf("message %q, want %q", p.Message, tt.message)
			}
			if got := tt.src[p.Span.Start:p.Span.End]; !strings.HasPrefix(got, tt.at) {
				t.Errorf("span slices to %q, want prefix %q", got, tt.at)
			}
			if got := list(prog.Stmts); got != tt.stmts {
				t.Errorf("statements = %s, want %s", got, tt.stmts)
			}
		})
	}
}

func TestParseDeepNesting(t *testing.T) {
	src := "x = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + "\ny = " + strings.Repeat("-", 5000) + "1\nz = 2"
	prog, _, problems := Parse([]byte(src))
	if len(problems) != 2 || !strings.Contains(problems[0].Message, "nested too deeply") {
		t.Errorf("problems = %+v", problems)
	}
	if got := list(prog.Stmts); got != "(= z 2)" {
		t.Errorf("statements = %s", got)
	}
}
