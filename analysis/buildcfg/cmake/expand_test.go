package cmake

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// evalAll runs set() commands of setup through a reader, then evaluates the
// arguments of the last command of src.
func evalLast(t *testing.T, src string) ([]buildcfg.StringValue, string) {
	t.Helper()
	lf := Parse([]byte(src))
	if len(lf.Problems) > 0 {
		t.Fatalf("problems: %+v", lf.Problems)
	}
	r := &reader{src: []byte(src), out: &buildcfg.File{}, vars: vars{
		"CMAKE_CURRENT_SOURCE_DIR": {{Value: ".", Span: noSpan}},
	}, targets: map[string][]*target{}, funcs: map[string]bool{}}
	r.run(lf.Commands[:len(lf.Commands)-1])
	return r.evalArgs(lf.Commands[len(lf.Commands)-1]), src
}

func TestEval(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  string
		spans string // what each value's span slices to, |-joined
	}{
		{"list variable keeps literal spans", "set(S a.c \"b c.c\")\nf(${S})", "a.c|b c.c", `a.c|"b c.c"`},
		{"quoted joins the list", "set(S a b)\nf(\"${S}\")", "a;b", `"${S}"`},
		{"quoted single element keeps its span", "set(D \"x\")\nf(\"${D}\")", "x", `"x"`},
		{"composed argument splits", "set(S a b)\nf(${S}.c)", "a|b.c", "${S}.c|${S}.c"},
		{"unknown stays as written", "f(${NOPE}/x \"${NOPE}\")", "${NOPE}/x|${NOPE}", `${NOPE}/x|"${NOPE}"`},
		{"nested reference", "set(N X)\nset(X v)\nf(${${N}})", "v", "v"},
		{"escaped semicolon does not split", `f(a\;b c;d)`, "a;b|c|d", `a\;b|c;d|c;d`},
		{"empty elements dropped when unquoted", "f(a;;b \"\")", "a|b|", `a;;b|a;;b|""`},
		{"env stays", "f($ENV{HOME}/x)", "$ENV{HOME}/x", "$ENV{HOME}/x"},
		{"bracket is not expanded", "set(S a)\nf([[${S};x]])", "${S};x", "[[${S};x]]"},
		{"escapes", `f("a\tb\"c")`, "a\tb\"c", `"a\tb\"c"`},
		{"continuation", "f(\"a\\\nb\")", "ab", "\"a\\\nb\""},
		{"seeded directory variable", "f(${CMAKE_CURRENT_SOURCE_DIR})", ".", "${CMAKE_CURRENT_SOURCE_DIR}"},
		{"unterminated reference", "f(${A)", "${A", "${A"},
		{"cache and parent scope", "set(A x CACHE STRING doc)\nset(B y PARENT_SCOPE)\nf(${A} ${B})", "x|y", "x|y"},
		{"unset", "set(A x)\nunset(A)\nf(${A})", "${A}", "${A}"},
		{"set to nothing unsets", "set(A x)\nset(A)\nf(${A})", "${A}", "${A}"},
		{"set to empty", "set(A \"\")\nf(x${A}y)", "xy", "x${A}y"},
		{"list append and prepend", "set(A b)\nlist(APPEND A c)\nlist(PREPEND A a)\nf(${A})", "a|b|c", "a|b|c"},
		{"list append creates", "list(APPEND A c d)\nf(${A})", "c|d", "c|d"},
		{"list remove item", "set(A a b a c)\nlist(REMOVE_ITEM A a)\nf(${A})", "b|c", "b|c"},
		{"list sort makes unknown", "set(A b a)\nlist(SORT A)\nf(${A})", "${A}", "${A}"},
		{"list length writes output", "set(N 3)\nlist(LENGTH A N)\nf(${N})", "${N}", "${N}"},
		{"project name", "project(demo C)\nf(${PROJECT_NAME})", "demo", "demo"},
		{"quoted list split into set", "set(A \"x;y\")\nf(${A})", "x|y", `"x;y"|"x;y"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, src := evalLast(t, tt.src)
			if v := values(got); v != tt.want {
				t.Errorf("values = %q, want %q", v, tt.want)
			}
			spans := make([]string, len(got))
			for i, g := range got {
				spans[i] = src[g.Span.Start:g.Span.End]
			}
			if s := strings.Join(spans, "|"); s != tt.spans {
				t.Errorf("spans = %q, want %q", s, tt.spans)
			}
		})
	}
}

func TestParseOptions(t *testing.T) {
	in := []buildcfg.StringValue{
		{Value: "-Wall"}, {Value: "-DA=1"}, {Value: "-D"}, {Value: "B"}, {Value: "/DC"},
		{Value: "-Iinc"}, {Value: "-I"}, {Value: "gen"}, {Value: "-isystem"}, {Value: "sys"},
		{Value: "SHELL:-I shell -DS"}, {Value: "-iquote./q"},
	}
	f := parseOptions(in)
	if got := values(f.Defines); got != "A|B|C|S" {
		t.Errorf("defines = %q", got)
	}
	if got := values(f.Includes); got != "inc|gen|sys|shell|q" {
		t.Errorf("includes = %q", got)
	}
}
