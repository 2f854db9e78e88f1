package lsp

import (
	"testing"

	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// A .h opened in the editor is parsed as C++ when its content is C++, as
// the command line parses a header on its own.
func TestHeaderLanguageFromContent(t *testing.T) {
	for _, c := range []struct {
		text string
		want cfacts.Lang
	}{
		{"namespace shapes {\nstruct Box { PyObject *owner; };\n}\n", cfacts.CPP},
		{"struct box { PyObject *owner; };\n", cfacts.C},
	} {
		d := newDocument(uri.File("/p/box.h"), "/p/box.h", 1, c.text)
		_, _, _, facts := d.state()
		d.close()
		switch {
		case facts == nil:
			t.Errorf("%q: no facts", c.text)
		case facts.Lang != c.want:
			t.Errorf("%q: parsed as %v, want %v", c.text, facts.Lang, c.want)
		}
	}
}
