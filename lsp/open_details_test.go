package lsp

import (
	"os"
	"path/filepath"
	"testing"

	"go.lsp.dev/uri"
)

// The server names its open buffers to the engine (analysis.Options.Open),
// so that the findings detailing a summary are made in open files only: a
// closed source's HPY201 places, which the client would never be shown,
// are not in the run's result at all, while the HPY209 that counts them
// is published as before.
func TestDetailsAreMadeOnlyInOpenFiles(t *testing.T) {
	dir := t.TempDir()
	src := "#include \"hpy.h\"\nstatic void f(void)\n{\n    PyErr_Clear();\n}\nstatic HPyModuleDef moddef = { .doc = \"\" };\nHPy_MODINIT(p, moddef)\n"
	for name, text := range map[string]string{
		"setup.py": "from setuptools import setup, Extension\nsetup(name='p', setup_requires=['hpy'], hpy_ext_modules=[Extension('p', sources=['a.c', 'b.c'])])\n",
		"a.c":      src,
		"b.c":      src,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := start(t, setup{caps: pushCaps(), folders: []string{dir}})
	a, _ := c.open(filepath.Join(dir, "a.c"))
	c.waitDiags(a, "HPY201 detail in the open a.c", hasCode("HPY201"))
	c.waitDiags(uri.File(filepath.Join(dir, "setup.py")), "the HPY209 summary", hasCode("HPY209"))

	c.srv.mu.Lock()
	defer c.srv.mu.Unlock()
	f := c.srv.folders[0]
	if f.last == nil || f.last.res == nil {
		t.Fatal("no run recorded")
	}
	for _, d := range f.last.res.Diagnostics {
		if d.DetailOf != "" && d.Location.Path == "b.c" {
			t.Errorf("the run made a detail in the closed b.c: %s %s", d.Code, d.Message)
		}
	}
}
