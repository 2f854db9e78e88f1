package diag

import (
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A renderer given the memo of the run before takes the texts whose cited
// files give the tokens they gave, and renders again those citing a file
// whose token changed (its text was edited); each finding reads as one
// rendered afresh.
func TestRendererTakesTextsOfUnchangedFilesFromTheMemo(t *testing.T) {
	at := func(path string, off int) string {
		return LineMark(source.Location{Path: path, Span: source.Span{Start: off}})
	}
	findings := func() []Diagnostic {
		return []Diagnostic{
			{Message: "in a.c at " + at("a.c", 4)},
			{Message: "in b.c at " + at("b.c", 4)},
			{Message: "in a.c at " + at("a.c", 4) + " and b.c at " + at("b.c", 9), Related: []Related{{Message: "see " + at("c.c", 2)}}},
			{Message: "no mark"},
		}
	}
	texts := map[string]string{"a.c": "x\ny\nz\nw\nv\n", "b.c": "1\n2\n3\n4\n5\n6\n", "c.c": "q\nr\n"}
	tokens := map[string]any{"a.c": new(int), "b.c": new(int), "c.c": new(int)}
	line := func(path string, off int) int { return lineOf(texts[path])(path, off) }
	token := func(path string) any { return tokens[path] }

	first := NewRenderer(line).WithMemo(nil, token)
	before := findings()
	for i := range before {
		first.Render(&before[i])
	}
	if first.Afresh() != 4 {
		t.Fatalf("the first run rendered %d texts, want 4", first.Afresh())
	}

	// b.c is edited: a line is inserted at its start.
	texts["b.c"] = "0\n" + texts["b.c"]
	tokens["b.c"] = new(int)
	second := NewRenderer(line).WithMemo(MemoOf(first), token)
	got := findings()
	for i := range got {
		second.Render(&got[i])
	}
	want := findings()
	fresh := NewRenderer(line)
	for i := range want {
		fresh.Render(&want[i])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rendered with the memo:\n%+v\nwant:\n%+v", got, want)
	}
	// Those citing b.c: two messages.
	if second.Afresh() != 2 {
		t.Errorf("the second run rendered %d texts afresh, want the 2 citing b.c", second.Afresh())
	}
}
