package diag

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// lineOf counts line breaks in text: the 1-based line of an offset.
func lineOf(text string) func(path string, off int) int {
	return func(_ string, off int) int {
		n := 1
		for i := 0; i < off && i < len(text); i++ {
			if text[i] == '\n' {
				n++
			}
		}
		return n
	}
}

func TestRenderAndMoveLines(t *testing.T) {
	text := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n" // line 9 starts at 16
	at := func(off int) source.Location { return source.Location{Path: "m.c", Span: source.Span{Start: off}} }
	d := Diagnostic{
		Message: "first at m.c:" + LineMark(at(16)) + ", then m.c:" + LineMark(at(18)),
		Related: []Related{{Message: "no line here"}, {Message: "see line " + LineMark(at(2))}},
		Fixes:   []Fix{{Title: "keep line " + LineMark(at(0))}},
	}
	NewRenderer(lineOf(text)).Render(&d)
	if d.Message != "first at m.c:9, then m.c:10" || d.Related[1].Message != "see line 2" || d.Fixes[0].Title != "keep line 1" {
		t.Fatalf("rendered %q / %q / %q", d.Message, d.Related[1].Message, d.Fixes[0].Title)
	}
	before := d
	// Two lines inserted at offset 4 (the start of line 3): lines 9 and
	// 10 become 11 and 12, and the first number grows a digit, which
	// moves the second.
	moved := "a\nb\nX\nY\n" + text[4:]
	if !d.MoveLines("m.c", func(off int) (int, bool) {
		if off >= 4 {
			return off + 4, true
		}
		return off, true
	}, lineOf(moved)) {
		t.Fatal("MoveLines refused")
	}
	if d.Message != "first at m.c:11, then m.c:12" || d.Related[1].Message != "see line 2" || d.Fixes[0].Title != "keep line 1" {
		t.Fatalf("moved %q / %q / %q", d.Message, d.Related[1].Message, d.Fixes[0].Title)
	}
	if before.Message != "first at m.c:9, then m.c:10" || before.Lines[0].At.Span.Start != 16 {
		t.Fatal("MoveLines changed the finding it was copied from")
	}
	if !d.MoveLines("other.c", func(int) (int, bool) { return 0, false }, lineOf(moved)) {
		t.Fatal("a path the finding does not cite refused the move")
	}
	if d.MoveLines("m.c", func(int) (int, bool) { return 0, false }, lineOf(moved)) {
		t.Fatal("a place that cannot move was taken")
	}
}
