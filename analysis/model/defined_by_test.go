package model

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// The names a file's facts declare are worked out once for those facts:
// a run that worked them out beside the model hands the carry the set it
// made (analysis/warm.go).
func TestNamesDeclaredInIsRememberedByTheFacts(t *testing.T) {
	src := []byte("int one(void) { return 1; }\n#define TWO 2\n")
	f, err := cfacts.Extract(cfacts.C, src)
	if err != nil {
		t.Fatal(err)
	}
	file := &source.File{Path: "a.c", Content: src}
	first := NamesDeclaredIn(file, f)
	if !first["one"] || !first["TWO"] {
		t.Fatalf("names declared: %v", first)
	}
	p := &Project{Snapshot: source.NewSnapshot("/", []*source.File{file})}
	again := p.NamesDefinedBy(file, f)
	first["marker"] = true // the same map, if remembered
	if !again["marker"] {
		t.Error("NamesDefinedBy made the set again for the same facts")
	}
	delete(first, "marker")
}
