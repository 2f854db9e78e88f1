package cfacts

import (
	"os"
	"path/filepath"
	"testing"
)

// testdataFiles are the C and C++ files of testdata/cfacts that the
// Document's and the reader's tests edit and cut.
var testdataFiles = []string{"macros.c", "entrypoint.cpp", "imports.c", "threads.cpp"}

// readTestdata is the content of one of testdataFiles, and its language.
func readTestdata(t *testing.T, name string) ([]byte, Lang) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "cfacts", name))
	if err != nil {
		t.Fatal(err)
	}
	lang, _ := LangOf(name)
	return src, lang
}
