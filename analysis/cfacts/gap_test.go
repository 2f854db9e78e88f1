package cfacts

import (
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
