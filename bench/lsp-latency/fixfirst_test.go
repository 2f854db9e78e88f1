package main

import (
	"encoding/json"
	"testing"
)

// Edits are applied at their UTF-16 positions, in the order of their
// places whatever order they come in; a position past a line's end is the
// line's end, and one past the last line the text's end.
func TestApplyEdits(t *testing.T) {
	edit := func(l1, c1, l2, c2 int, text string) textEdit {
		var e textEdit
		e.Range.Start, e.Range.End, e.NewText = lspPosition{l1, c1}, lspPosition{l2, c2}, text
		return e
	}
	text := []byte("héllo 𝄞x\nsecond\n")
	for _, c := range []struct {
		name  string
		edits []textEdit
		want  string
	}{
		{"after a two-unit rune", []textEdit{edit(0, 8, 0, 9, "y")}, "héllo 𝄞y\nsecond\n"},
		{"two edits, the later first", []textEdit{edit(1, 0, 1, 0, "// "), edit(0, 0, 0, 1, "H")}, "Héllo 𝄞x\n// second\n"},
		{"past the line's end", []textEdit{edit(1, 99, 1, 99, ";")}, "héllo 𝄞x\nsecond;\n"},
		{"past the last line", []textEdit{edit(9, 0, 9, 0, "end\n")}, "héllo 𝄞x\nsecond\nend\n"},
	} {
		got, err := applyEdits(text, c.edits)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(got) != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	if _, err := applyEdits(text, []textEdit{edit(0, 0, 0, 3, "a"), edit(0, 2, 0, 4, "b")}); err == nil {
		t.Error("overlapping edits were applied")
	}
}

// The fix applied is the first that changes the file alone: one that
// makes or changes another file too is passed over.
func TestFirstOwnFix(t *testing.T) {
	answer := json.RawMessage(`[
		{"title": "no edit"},
		{"title": "makes a header", "edit": {"documentChanges": [
			{"kind": "create", "uri": "file:///w/h.h"},
			{"textDocument": {"uri": "file:///w/a.c", "version": 1}, "edits": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "newText": "#include \"h.h\"\n"}]}]}},
		{"title": "changes another file", "edit": {"changes": {"file:///w/b.c": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "newText": "x"}]}}},
		{"title": "suppress", "edit": {"changes": {"file:///w/a.c": [{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}}, "newText": "// hpylint: ignore\n"}]}}}
	]`)
	title, edits, err := firstOwnFix(answer, "file:///w/a.c")
	if err != nil {
		t.Fatal(err)
	}
	if title != "suppress" || len(edits) != 1 || edits[0].Range.Start.Line != 3 {
		t.Errorf("took %q with %+v, want the suppression", title, edits)
	}
	if _, _, err := firstOwnFix(json.RawMessage(`[{"title": "no edit"}]`), "file:///w/a.c"); err == nil {
		t.Error("a list with no fix of the file gave one")
	}
}
