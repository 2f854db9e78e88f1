package cfacts

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseGap(t *testing.T) {
	for _, c := range []struct {
		name, src    string
		cause, lost  string // parts of Cause and Lost; "" cause: no gap
		preprocessor bool
	}{
		{"clean", "static long f(long x)\n{\n    return x;\n}\n", "", "", false},
		{"storage-class macro: nothing lost", "LIB_API long f(long x)\n{\n    return x;\n}\n", "", "", false},
		{"attribute macro before a definition",
			"static LIB_NONNULL(1) long\nsum(const long *p, long n)\n{\n    long t = 0;\n    while (n--) {\n        t += p[n];\n    }\n    return t;\n}\n",
			"`LIB_NONNULL(1)`", "sum", false},
		{"uneven #if branches",
			"int pick(int a)\n{\n    int r = 0;\n#if FAST\n    if (a) {\n        r = 1;\n    } else {\n#else\n    {\n#endif\n        r = 2;\n    }\n    return r;\n}\nint after(void)\n{\n    return 0;\n}\n",
			"#if at line 4", "", true},
	} {
		f, err := Extract(C, []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.cause == "" && f.Gap != nil:
			t.Errorf("%s: unexpected gap %+v", c.name, *f.Gap)
		case c.cause == "":
		case f.Gap == nil:
			t.Errorf("%s: no gap, want one caused by %q", c.name, c.cause)
		case !strings.Contains(f.Gap.Cause, c.cause) || f.Gap.Lost != c.lost && c.lost != "" || f.Gap.Preprocessor != c.preprocessor:
			t.Errorf("%s: gap %+v, want cause %q, lost %q, preprocessor %v", c.name, *f.Gap, c.cause, c.lost, c.preprocessor)
		}
	}
}

// The grammar loses track of a multi-line #define whose lines hold a
// comment before the continuation; what it then skips is the
// preprocessor's text, not code the user wrote wrong.
func TestParseGapInMacroBody(t *testing.T) {
	var b strings.Builder
	line := func(text string) { b.WriteString(fmt.Sprintf("%-72s\\\n", text)) }
	b.WriteString("namespace guard { struct failure {}; }\n\n")
	line("#define GUARDED(name, body, cleanup)")
	line("    try")
	line("    {")
	line("        body;")
	line("    }")
	line("    catch (const guard::failure &)")
	line("    {")
	line("        {")
	line("            cleanup;")
	line("        }")
	line("        /* return (errorcode);                                       */")
	line("        return 0;")
	line("    }")
	line("    catch (...)")
	line("    {")
	line("        report(name);")
	line("        /* return (errorcode);                                       */")
	line("        return 0;")
	b.WriteString("    }\n\nint after(void)\n{\n    return 0;\n}\n")
	f, err := Extract(CPP, []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if f.SyntaxErrors == 0 {
		t.Skip("the grammar now reads this macro: nothing to check")
	}
	if f.Gap == nil || !(f.Gap.Preprocessor && strings.Contains(f.Gap.Cause, "#define at line 3")) {
		t.Errorf("gap %+v", f.Gap)
	}
}
