package defindex

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Only the items the sieve points at are parsed, and the files that only
// use a name never are.
func TestFindItemParsesOnlyCandidates(t *testing.T) {
	files := []*source.File{
		{Path: "src/use.c", Content: []byte("#include \"flatten.h\"\nint f(void) { return PyFoo_Flatten(0) + Py_None; }\n")},
		{Path: "include/flatten.h", Content: []byte("#ifndef FLATTEN_H\n#define FLATTEN_H\nstruct point { int x; };\nextern int PyFoo_Flatten(const char *data);\n#endif\n")},
	}
	var parsed []string
	x := New(files, func(f *source.File) *cfacts.Facts {
		parsed = append(parsed, f.Path+": "+strings.TrimSpace(string(f.Content)))
		facts, err := cfacts.Extract(cfacts.C, f.Content)
		if err != nil {
			t.Fatal(err)
		}
		return facts
	})
	declares := func(name string) func(Parsed) bool {
		return func(p Parsed) bool {
			for _, r := range p.Facts.Refs {
				if r.Kind == cfacts.DeclRef && r.Name == name {
					return true
				}
			}
			return false
		}
	}
	got, ok := x.FindItem("PyFoo_Flatten", declares("PyFoo_Flatten"))
	if !ok || got.Path != "include/flatten.h" || !strings.HasPrefix(strings.TrimSpace(string(got.File.Content[got.Base:])), "extern int PyFoo_Flatten") {
		t.Fatalf("FindItem = %+v, %v", got, ok)
	}
	if _, ok := x.FindItem("Py_None", declares("Py_None")); ok {
		t.Error("Py_None is only used, never defined")
	}
	if want := []string{"include/flatten.h: extern int PyFoo_Flatten(const char *data);"}; strings.Join(parsed, "\n") != strings.Join(want, "\n") {
		t.Errorf("parsed:\n%s\nwant:\n%s", strings.Join(parsed, "\n"), strings.Join(want, "\n"))
	}
	whole, ok := x.WholeFile(got)
	if !ok || whole.Base != 0 || len(whole.Facts.Defines) != 1 {
		t.Errorf("WholeFile = %+v, %v", whole, ok)
	}
}
