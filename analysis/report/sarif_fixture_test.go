package report

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// fixture is a small project in memory, with the awkward cases the CI
// formats must survive: characters outside the BMP before a finding (UTF-16
// columns differ from character columns), a path with a space, a comma and
// a colon, a message with '%' and newlines, a file outside the repository.
type fixture map[string]string

func newFixture() fixture {
	return fixture{
		"src/mod.c": "#include \"hpy.h\"\n" +
			"/* π 😀 */ HPy_MODINIT(bad, moduledef)\n",
		"setup.py":         "from setuptools import setup, Extension\nsetup(hpy_ext_modules=[Extension('pkg._mod', ['src/mod.c'])])\n",
		"odd dir/a,b:c.c":  "#include \"hpy.h\"\nHPy_MODINIT(x)\n",
		"../outside/lib.c": "int x;\n",
	}
}

func (f fixture) lines(p string) *textpos.Index { return textpos.New([]byte(f[p])) }

func (f fixture) content(p string) []byte {
	if c, ok := f[p]; ok {
		return []byte(c)
	}
	return nil
}

// at locates the n-th (0-based) occurrence of text in a file.
func (f fixture) at(p, text string, n int) source.Location {
	content := f[p]
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(content[off:], text)
		if j < 0 {
			panic("fixture: " + text + " not in " + p)
		}
		if i == n {
			return source.Location{Path: p, Span: source.Span{Start: off + j, End: off + j + len(text)}}
		}
		off += j + len(text)
	}
}

func (f fixture) diagnostics() []diag.Diagnostic {
	bad := f.at("src/mod.c", "bad", 0)
	return []diag.Diagnostic{
		{
			Code: "HPY102", Name: "modinit-name-mismatch", Severity: diag.Error, Location: bad,
			Message: `HPy_MODINIT name "bad" does not match extension "pkg._mod"`,
			Fixes:   []diag.Fix{{Title: "Rename to _mod", Edits: []diag.Edit{{Path: bad.Path, Span: bad.Span, NewText: "_mod"}}}},
			Related: []diag.Related{{Location: f.at("setup.py", "'pkg._mod'", 0), Message: "the extension is declared here"}},
		},
		{
			Code: "HPY108", Name: "legacy-modinit-form", Severity: diag.Warning, Location: f.at("odd dir/a,b:c.c", "HPy_MODINIT(x)", 0),
			Message: "100% legacy\r\nsecond line, with: punctuation",
		},
		{
			Code: "HPY405", Name: "unresolved-extension", Severity: diag.Info, Location: f.at("setup.py", "hpy_ext_modules", 0),
			Message: "cannot evaluate",
		},
		{
			Code: "HPY201", Name: "cpython-symbol-in-universal", Severity: diag.Error, Location: f.at("../outside/lib.c", "x", 0),
			Message: "outside the repository",
		},
	}
}
