package analysis_test

import (
	"strconv"
	"strings"
	"testing"
)

// A buffer left unfinished (a block opened and not yet closed, as while
// typing one) moves its findings through a quiet edit as any other: the
// line HPY003 cites moves with it, and closing the block runs the rules.
func TestMovedThroughAnUnfinishedBuffer(t *testing.T) {
	open := strings.Replace(movedSource, "int x = 1;", "int x = 1;\n    if (x) {", 1)
	fresh := freshRun(t, open)
	if !hasCodes(fresh.Diagnostics, "HPY003", "HPY103", "HPY201") {
		t.Fatalf("the unfinished buffer's findings lack HPY003, HPY103 or HPY201: %s", describe(fresh.Diagnostics))
	}
	last := "HPy_MODINIT(m, moddef)\nHPy_MODINIT(m, moddef)\n"
	for _, c := range []struct {
		name      string
		old, new  string // the first occurrence of old in the unfinished text becomes new
		wantMoved bool
	}{
		{"Enter above the open brace", "#include \"hpy.h\"\n", "#include \"hpy.h\"\n\n", true},
		{"Enter and indentation right before the open brace", "if (x) {", "if (x) \n        {", true},
		{"a local declared below it", "HPyModuleDef *def)\n{", "HPyModuleDef *def)\n{\n    int z = 0;", true},
		{"Enter below the open brace", "return self;", "return self;\n", true},
		{"Enter at top level, above the HPy_MODINIT a message cites", "defines };", "defines };\n", true},
		// HPY003 sits on the last line, which these make another.
		{"the line break before the last line deleted", last, "HPy_MODINIT(m, moddef)HPy_MODINIT(m, moddef)\n", false},
		{"a line typed after the last", last, last + "int w;\n", false},
		{"the block closed", "if (x) {", "if (x) { }", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := movedSnapshot(open)
			prev := movedRun(t, base, open, nil)
			if !strings.Contains(open, c.old) {
				t.Fatalf("%q is not in the source", c.old)
			}
			text := strings.Replace(open, c.old, c.new, 1)
			got := movedRun(t, base, text, prev)
			if got.Moved != c.wantMoved {
				t.Errorf("moved = %v (%s), want %v", got.Moved, got.NotMoved, c.wantMoved)
			}
			want := freshRun(t, text).Diagnostics
			sameFindings(t, c.name, got.Diagnostics, want)
			if !c.wantMoved {
				return
			}
			// The outermost brace left open is cited: the function's.
			body := "legacy(PyObject *self)\n"
			line := strings.Count(text[:strings.Index(text, body)+len(body)], "\n") + 1
			cited := false
			for _, d := range got.Diagnostics {
				cited = cited || d.Code == "HPY003" && strings.Contains(d.Message, "at line "+strconv.Itoa(line)+" is never closed")
			}
			if !cited {
				t.Errorf("HPY003 does not cite the line %d of the brace left open: %s", line, describe(got.Diagnostics))
			}
		})
	}
}
