package pyproject

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRead checks that Read never panics and that an insertion into
// [build-system] requires keeps the file valid TOML.
// Run with: go test -fuzz FuzzRead ./analysis/buildcfg/pyproject/
func FuzzRead(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(fixtures, "*", "pyproject.toml"))
	for _, p := range paths {
		if c, err := os.ReadFile(p); err == nil {
			f.Add(c)
		}
	}
	f.Add([]byte("[build-system]\nrequires = [ # c\n]\n"))
	f.Add([]byte("build-system = {requires = ['a' ,\n]}"))
	f.Fuzz(func(t *testing.T, content []byte) {
		file := Read("pyproject.toml", content)
		rl := file.BuildRequires
		if rl == nil || len(file.Problems) > 0 {
			return
		}
		if rl.InsertAt < rl.Span.Start || rl.InsertAt > rl.Span.End {
			t.Fatalf("InsertAt %d outside the list %+v", rl.InsertAt, rl.Span)
		}
		edited := string(content[:rl.InsertAt]) + strings.ReplaceAll(rl.InsertText, "NAME", "zzz") + string(content[rl.InsertAt:])
		after := Read("pyproject.toml", []byte(edited))
		if len(after.Problems) > 0 || !after.BuildRequires.Has("zzz") {
			t.Fatalf("insertion broke the file: %+v\n%s", after.Problems, edited)
		}
	})
}
