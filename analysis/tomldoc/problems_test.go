package tomldoc

import (
	"reflect"
	"strings"
	"testing"
)

func TestProblems(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		// span is the text each problem's span covers.
		span []string
		// doc is what is still read around the problem.
		doc string
	}{
		{"missing value", "a = \nb = 1\n",
			[]string{`invalid TOML at line 1: syntax error at "a ="`}, []string{"a ="}, `{b=1}`},
		{"unterminated string", "x = 0\na = \"abc\nb = 2\n",
			[]string{`invalid TOML at line 2: syntax error at "a = \"abc"`}, []string{"a = \"abc"}, `{x=0, b=2}`},
		{"unclosed array", "a = [1, 2\nb = 3\n",
			[]string{`invalid TOML at line 1: syntax error at "a = [1, 2"`}, nil, `{b=3}`},
		{"unclosed header", "a = 1\n[t\nx=1\n",
			[]string{`invalid TOML at line 2: syntax error at "[t"`}, nil, `{a=1}`},
		{"extra bracket drops the table", "[t]]\nc = 3\n[u]\nd = 4\n",
			[]string{`invalid TOML at line 1: syntax error at "]"`}, []string{"]"}, `{u={d=4}}`},
		{"two pairs on a line", "a = 1 b = 2\n",
			[]string{`invalid TOML at line 1: expected a line break before "b = 2"`}, []string{"b = 2"}, `{a=1, b=2}`},
		{"header after a pair on one line", "[t]\nx = 1 [u]\n",
			[]string{`invalid TOML at line 2: expected a line break before "[u]"`}, nil, `{t={x=1}, u={}}`},
		{"pair after a header on one line", "[t] x = 1\n",
			[]string{`invalid TOML at line 1: syntax error at "[t] x = 1"`}, nil, `{}`},
		{"integer overflow", "a = 99999999999999999999\nb = 1\n",
			[]string{`invalid TOML at line 1: integer 99999999999999999999 does not fit in 64 bits`}, []string{"99999999999999999999"}, `{b=1}`},
		{"float overflow", "a = 1e999\n",
			[]string{`invalid TOML at line 1: float 1e999 is out of range`}, []string{"1e999"}, `{}`},
		{"surrogate escape", `a = "\uD800"`,
			[]string{`invalid TOML at line 1: invalid escape \uD800: not a Unicode scalar value`}, []string{`\uD800`}, `{}`},
		{"unknown escape", `a = "\x"`,
			[]string{`invalid TOML at line 1: syntax error at "a = \"\\x\""`}, nil, `{}`},
		{"trailing comma in inline table", "a = {b = 1,}\n",
			[]string{`invalid TOML at line 1: syntax error at ","`}, nil, `{}`},
		{"newline in inline table", "a = {b = 1\n}\n",
			[]string{`invalid TOML at line 1: unexpected line break`}, nil, `{}`},
		{"leading zero", "a = 012\n",
			[]string{`invalid TOML at line 1: syntax error at "a = 012"`}, nil, `{}`},
		{"duplicate key", "a = 1\nb = 2\nb = 3\n",
			[]string{`invalid TOML at line 3: duplicate key "b" (first defined at line 2)`}, []string{"b"}, `{a=1, b=2}`},
		{"duplicate key in a table", "[t]\nk = 1\n'k' = 2\n",
			[]string{`invalid TOML at line 3: duplicate key "t.k" (first defined at line 2)`}, []string{"'k'"}, `{t={k=1}}`},
		{"duplicate key in an inline table", "a = {b = 1, b = 2}\n",
			[]string{`invalid TOML at line 1: duplicate key "a.b" (first defined at line 1)`}, nil, `{a={b=1}}`},
		{"duplicate dotted key", "a.b = 1\na.b = 2\n",
			[]string{`invalid TOML at line 2: duplicate key "a.b" (first defined at line 1)`}, nil, `{a={b=1}}`},
		{"table defined twice", "[a]\nx = 1\n[a]\ny = 2\n",
			[]string{`invalid TOML at line 3: table [a] is defined twice (first at line 1)`}, []string{"a"}, `{a={x=1}}`},
		{"table over a value", "a = 1\n[a]\n",
			[]string{`invalid TOML at line 2: key "a" is already defined as an integer (line 1)`}, nil, `{a=1}`},
		{"subtable over a value", "a = 'x'\n[a.b]\n",
			[]string{`invalid TOML at line 2: key "a" is already defined as a string (line 1)`}, nil, `{a="x"}`},
		{"header over a dotted table", "a.b = 1\n[a]\n",
			[]string{`invalid TOML at line 2: key "a" is already defined as a table defined by dotted keys (line 1)`}, nil, `{a={b=1}}`},
		{"dotted key into a header table", "[a.b]\n[a]\nb.c = 1\n",
			[]string{`invalid TOML at line 3: key "a.b" is already defined as a table (line 1)`}, nil, `{a={b={}}}`},
		{"header into an inline table", "a = {}\n[a.b]\n",
			[]string{`invalid TOML at line 2: key "a" is already defined as an inline table, which cannot be extended (line 1)`}, nil, `{a={}}`},
		{"dotted key into an inline table", "a = {b = 1}\na.c = 2\n",
			[]string{`invalid TOML at line 2: key "a" is already defined as an inline table, which cannot be extended (line 1)`}, nil, `{a={b=1}}`},
		{"array of tables over a static array", "a = []\n[[a]]\n",
			[]string{`invalid TOML at line 2: key "a" is already defined as an array (line 1)`}, nil, `{a=[]}`},
		{"table over an array of tables", "[[a]]\n[a]\n",
			[]string{`invalid TOML at line 2: key "a" is already defined as an array of tables (line 1)`}, nil, `{a=[{}]}`},
		{"array of tables over a table", "[a]\n[[a]]\n",
			[]string{`invalid TOML at line 2: key "a" is already defined as a table (line 1)`}, nil, `{a={}}`},
		{"not UTF-8", "\xff = 1\n",
			[]string{`invalid TOML at line 1: the file is not valid UTF-8`, `invalid TOML at line 1: syntax error at "\xff = 1"`}, nil, `{}`},
		{"control character in a comment", "a = 'x' # \x01\n",
			[]string{`invalid TOML at line 1: syntax error at "a = 'x' # \x01"`}, nil, `{}`},
		{"missing key", "= 1\n",
			[]string{`invalid TOML at line 1: syntax error at "= 1"`}, nil, `{}`},
		{"several problems in file order", "a = 1\na = 2\n[t\n",
			[]string{`invalid TOML at line 2: duplicate key "a" (first defined at line 1)`, `invalid TOML at line 3: syntax error at "[t"`}, nil, `{a=1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ps := Parse([]byte(tt.in))
			if got := messages(ps); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
			for i, want := range tt.span {
				if i < len(ps) {
					if got := slice(tt.in, ps[i].Span); got != want {
						t.Errorf("problem %d span = %q, want %q", i, got, want)
					}
				}
			}
			if got := dumpTable(d.Root); got != tt.doc {
				t.Errorf("doc = %s, want %s", got, tt.doc)
			}
		})
	}
}

func TestProblemCap(t *testing.T) {
	in := strings.Repeat("a = 1\n", maxProblems+10)
	_, ps := Parse([]byte(in))
	if len(ps) != maxProblems+1 {
		t.Fatalf("got %d problems, want %d", len(ps), maxProblems+1)
	}
	if got, want := ps[len(ps)-1].Message, "invalid TOML: 9 more problems not shown"; got != want {
		t.Errorf("last = %q, want %q", got, want)
	}
}
