package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Files read on several goroutines come back in the order asked, the
// missing ones left out, each with its own content.
func TestReadAllKeepsOrder(t *testing.T) {
	dir := t.TempDir()
	var rels []string
	for i := range 40 {
		rel := fmt.Sprintf("f%02d.c", i)
		rels = append(rels, rel)
		if i%7 == 3 {
			continue // never written: absent
		}
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(rel), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := readAll(dir, rels, nil)
	var want []string
	for i, rel := range rels {
		if i%7 != 3 {
			want = append(want, rel)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("read %d files, want %d", len(got), len(want))
	}
	for i, f := range got {
		if f.Path != want[i] || string(f.Content) != want[i] {
			t.Errorf("file %d: %s holding %q, want %s", i, f.Path, f.Content, want[i])
		}
	}
}
