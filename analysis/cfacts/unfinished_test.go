package cfacts

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestUnfinished(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      string // a part of the reason, "" for complete
	}{
		{"complete", "int f(void) {\n    return 0;\n}\n", ""},
		{"each branch opens a brace", "int f(int a) {\n#if FAST\n    if (a) {\n        a++;\n    }\n    else {\n#else\n    {\n#endif\n        a--;\n    }\n    return a;\n}\n", ""},
		{"directive inside an initializer", "static int table[] = {\n    1,\n#ifdef EXTRA\n    2,\n#endif\n    3,\n};\n", ""},
		{"guard around extern C", "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n#ifdef __cplusplus\n}\n#endif\n", ""},
		{"elif branches", "#if A\nint f(void) {\n#elif B\nint g(void) {\n#else\nint h(void) {\n#endif\n    return 0;\n}\n", ""},
		{"braces in literals and comments", "const char *s = \"{\"; char c = '{'; /* { */ // {\nint x = 1'000;\n", ""},
		{"raw string", "const char *s = R\"x({)\")x\";\n", ""},
		{"cut in a function", "int f(void) {\n    if (1) {\n        return 0;\n    }\n", "the `{` at line 1"},
		{"cut in a call", "int x = f(1,\n", "the `(` at line 1"},
		{"cut on both branches", "#if A\nint f(void) {\n#else\nint g(void) {\n#endif\n    return 0;\n", "never closed"},
		{"in a comment", "int x;\n/* a comment\n that never ends\n", "comment opened at line 2"},
		{"in a directive's comment", "int x;\n#define Y 1 /* a comment\n", "comment opened at line 2"},
		{"in a string", "int x;\nconst char *s = \"abc", "literal opened at line 2"},
		{"in a raw string", "const char *s = R\"(abc\n", "raw string opened at line 1"},
		{"in an #if", "#ifndef GUARD\n#define GUARD\nint f(void);\n", "#if opened at line 1"},
	} {
		text, at := unfinished([]byte(c.src))
		f := Facts{Unfinished: text, UnfinishedAt: at}
		got := f.UnfinishedText(func(off int) string { return strconv.Itoa(lineOf([]byte(c.src), off)) })
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: unfinished = %q, want %q", c.name, got, c.want)
		}
	}
}

// A valid file whose branches each open a brace ends in an error in the
// tree, but is not truncated.
func TestTruncatedOnlyWhenUnfinished(t *testing.T) {
	valid := "int f(int a) {\n#if FAST\n    if (a) {\n        a++;\n    }\n    else {\n#else\n    {\n#endif\n        a--;\n    }\n    return a;\n}\n"
	f, err := Extract(C, []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if f.Truncated {
		t.Errorf("a valid file is reported truncated: %s", f.Unfinished)
	}
	cut := "int f(int a) {\n    if (a) {\n        a++;\n"
	f, _ = Extract(C, []byte(cut))
	if !f.Truncated || !strings.Contains(f.UnfinishedText(func(off int) string { return strconv.Itoa(lineOf([]byte(cut), off)) }), "line 1") {
		t.Errorf("a cut file: truncated %v (%q)", f.Truncated, f.Unfinished)
	}
	// Recovery leaves a trailing comment outside the cut definition.
	f, _ = Extract(C, []byte(cut+"        /* the rest was lost */\n// and so was this\n"))
	if !f.Truncated {
		t.Errorf("a cut file ending in comments is not reported truncated")
	}
	d, err := NewDocument(C, []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.Facts().Truncated {
		t.Errorf("a Document of a valid file is reported truncated")
	}
	d.Edit(len(valid)-2, len(valid), nil) // drop the last '}'
	if f := d.Facts(); !f.Truncated {
		t.Errorf("a Document cut by an edit is not reported truncated")
	}
}

// Real ports are complete files: none may be reported truncated.
// HPYLINT_REAL_TREES (colon-separated directories) names them.
func TestRealTreesAreNotTruncated(t *testing.T) {
	trees := os.Getenv("HPYLINT_REAL_TREES")
	if trees == "" {
		t.Skip("HPYLINT_REAL_TREES is not set: no real trees to check")
	}
	checked := 0
	for _, root := range strings.Split(trees, ":") {
		_ = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			src, err := os.ReadFile(path)
			lang, ok := LangOfContent(path, src)
			if !ok || err != nil {
				return nil
			}
			if f, _ := Extract(lang, src); f != nil && f.Truncated {
				t.Errorf("%s: reported truncated: %s", path, f.Unfinished)
			}
			checked++
			return nil
		})
	}
	t.Logf("%d files checked", checked)
}
