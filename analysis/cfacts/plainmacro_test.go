package cfacts

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// On real code (the testdata, a generated HPy file, the trees in
// HPYLINT_REAL_TREES) every invocation readPlainMacro reads must come out
// as the parse reads it, and readMacros as a whole (the rest parsed in
// other groups) must give what parsing them all gave.
func TestPlainMacrosReadAsParsed(t *testing.T) {
	type file struct {
		name string
		lang Lang
		src  []byte
	}
	files := []file{{"hpyHeavy", C, hpyHeavy(64 << 10)}}
	roots := []string{filepath.Join("..", "..", "testdata")}
	if real := os.Getenv("HPYLINT_REAL_TREES"); real != "" {
		roots = append(roots, strings.Split(real, ":")...)
	}
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !e.Type().IsRegular() {
				return nil
			}
			if lang, ok := LangOf(path); ok {
				if src, err := os.ReadFile(path); err == nil {
					files = append(files, file{path, lang, src})
				}
			}
			return nil
		})
	}
	plain, parsedOnly := 0, 0
	for _, f := range files {
		g, err := grammarFor(f.lang)
		if err != nil {
			t.Fatal(err)
		}
		p := sitter.NewParser()
		_ = p.SetLanguage(g.lang)
		pre := scanFile(f.src)
		lines := newLineIndex(f.src)
		all := make([]int, len(pre.macros))
		for i := range all {
			all[i] = i
		}
		parsed := make([]MacroCall, len(pre.macros))
		g.parseMacros(p, f.src, lines, pre.macros, pre.separators, all, parsed)
		var want []MacroCall
		for i, span := range pre.macros {
			if parsed[i].Name != "" {
				want = append(want, parsed[i])
			}
			m, ok := readPlainMacro(f.src, span)
			if !ok {
				parsedOnly++
				continue
			}
			plain++
			if !reflect.DeepEqual(m, parsed[i]) {
				t.Errorf("%s: %q\nread as %+v\nparsed  %+v", f.name, f.src[span.Start:span.End], m, parsed[i])
			}
		}
		if got := g.readMacros(p, f.src, lines, pre.macros, pre.separators); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: readMacros differs from parsing every invocation:\n%+v\n%+v", f.name, got, want)
		}
		p.Close()
	}
	t.Logf("%d invocations read plain, %d parsed", plain, parsedOnly)
	if plain < 500 {
		t.Errorf("only %d invocations read plain: the cases no longer exercise the plain reader", plain)
	}
}

// Generated invocations: plain ones are read as written (each argument
// its text without the blanks and comments around it), whatever their
// neighbours; one with any argument outside the plain alphabet is left to
// the parse. (The parse itself is not the oracle here: next to broken
// text in the same parse group its error recovery misreads plain
// neighbours, e.g. splits "a, b" at its comma.)
func TestPlainMacrosReadAsWritten(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2026))
	for range 300 {
		src, calls := generatedMacros(rng, 6)
		pre := scanFile(src)
		if len(pre.macros) != len(calls) {
			t.Fatalf("scanned %d invocations of the %d written in\n%s", len(pre.macros), len(calls), src)
		}
		for i, span := range pre.macros {
			want := calls[i]
			m, ok := readPlainMacro(src, span)
			if ok != want.plain {
				t.Fatalf("%q: read plain %v, want %v", src[span.Start:span.End], ok, want.plain)
			}
			if !ok {
				continue
			}
			var args []string
			for j := range m.Args.Len() {
				a := m.Args.At(j)
				if string(src[a.Span.Start:a.Span.End]) != a.Text {
					t.Fatalf("%q: argument %d text %q is not its span's", src[span.Start:span.End], j, a.Text)
				}
				args = append(args, a.Text)
			}
			if m.Name != want.name || !slices.Equal(args, want.args) || m.Span != span {
				t.Fatalf("%q: read %s %q, want %s %q", src[span.Start:span.End], m.Name, args, want.name, want.args)
			}
		}
	}
}

// writtenCall is what generatedMacros wrote: the name, each argument's
// text as a reader should give it, and whether all of it is plain.
type writtenCall struct {
	name  string
	args  []string
	plain bool
}

// generatedMacros writes HPy macro invocations with arguments drawn from
// plain text and, one in otherRate, from what readPlainMacro leaves to
// the parse, separated by a ';', nothing, or C code.
func generatedMacros(rng *rand.Rand, otherRate int) ([]byte, []writtenCall) {
	// Each plain argument with the text a reader gives for it.
	plainArgs := [][2]string{
		{"f", "f"}, {"HPyFunc_VARARGS", "HPyFunc_VARARGS"}, {"42", "42"}, {"0x1F", "0x1F"}, {"1.5e+3", "1.5e+3"},
		{`"name"`, `"name"`}, {`"a, b"`, `"a, b"`}, {`"f(x)"`, `"f(x)"`}, {`""`, `""`},
		{`"esc \"q\" \\ \n"`, `"esc \"q\" \\ \n"`}, {`"über"`, `"über"`}, {`"/* no comment */"`, `"/* no comment */"`},
		{".doc = \"Doc, with (parens)\"", ".doc = \"Doc, with (parens)\""}, {".closure = (void *)1000", ".closure = (void *)1000"},
		{"offsetof(PointObject, x)", "offsetof(PointObject, x)"}, {"&x", "&x"}, {"{a, b}", "{a, b}"}, {"(a, (b, c))", "(a, (b, c))"},
		{"/* c, ) */ y", "y"}, {"z /* ( */", "z"}, {"sizeof(int)", "sizeof(int)"}, {"a | b", "a | b"}, {"-1", "-1"},
		{"!x", "!x"}, {"~0", "~0"}, {"a\n    b", "a\n    b"}, {"HPy_tp_repr", "HPy_tp_repr"},
		{".doc = \"x\" \"y\"", ".doc = \"x\" \"y\""}, {"{.a = 1, .b = {2, 3}}", "{.a = 1, .b = {2, 3}}"}, {"a = = b", "a = = b"},
	}
	otherArgs := []string{
		"'c'", "','", "v[1]", "a<b>", `L"wide"`, "// line\n x", `"\x41"`, "\"tab\tin\"",
		"a ? b : c", "a::b", "naïve", "x\xff", "a\\\n b", "a\fb", "R\"(raw, text)\"", "@", "a->b", "`", "x % 2", "a ^ b", "a / b",
	}
	names := []string{"HPyDef_METH", "HPyDef_SLOT", "HPyDef_MEMBER", "HPyDef_GETSET", "HPy_MODINIT", "HPyType_HELPERS"}
	between := []string{";\n", "\n", ";\n\nstatic int x;\n", "\nstatic HPy f(HPyContext *ctx) { return HPy_NULL; }\n", " ", ";"}
	var b strings.Builder
	var calls []writtenCall
	b.WriteString("#include \"hpy.h\"\n")
	for range 10 + rng.IntN(40) {
		c := writtenCall{name: names[rng.IntN(len(names))], plain: true}
		b.WriteString(c.name)
		b.WriteString("(")
		for k := range rng.IntN(5) {
			if k > 0 {
				b.WriteString([]string{", ", ",", " ,\n  "}[rng.IntN(3)])
			}
			if otherRate > 0 && rng.IntN(otherRate) == 0 {
				b.WriteString(otherArgs[rng.IntN(len(otherArgs))])
				c.plain = false
			} else {
				a := plainArgs[rng.IntN(len(plainArgs))]
				b.WriteString(a[0])
				c.args = append(c.args, a[1])
			}
		}
		b.WriteString(")")
		b.WriteString(between[rng.IntN(len(between))])
		calls = append(calls, c)
	}
	return []byte(b.String()), calls
}
