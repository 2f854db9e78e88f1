package analysis_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// An Enter on the line where HPY105's fix inserts the CPython entrypoint
// moves every fact, but the fix is made from the text there, so the run
// after it runs the rules. The findings of other lines are those the rules
// give, and a request for them is answered from the run before; one for
// the lines at the edit is not.
func TestFindingsOnOtherLinesWhileTheRulesRun(t *testing.T) {
	base := movedSnapshotWith(pinnedSetup, movedSource)
	prev := movedRun(t, base, movedSource, nil)
	modinit := strings.LastIndex(movedSource, "HPy_MODINIT(")
	at := modinit + strings.IndexByte(movedSource[modinit:], '\n') + 1 // the line after it
	text := movedSource[:at] + "\n" + movedSource[at:]
	facts, err := cfacts.Extract(cfacts.C, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	mv, why := prev.MoveBuffer("m.c", &source.File{Path: "m.c", Content: []byte(text)}, facts)
	if why != "" {
		t.Fatalf("the Enter is not quiet: %s", why)
	}
	run := movedRun(t, base, text, prev)
	if run.Moved {
		t.Fatal("the run moved its findings: the case says nothing")
	}
	x := textpos.New([]byte(text))
	line := func(off int) int { return x.Line(off) + 1 }
	edited := x.Line(at)
	answered, shownSome := 0, false
	for l := range x.Lines() {
		shown := func(loc source.Location) bool {
			return loc.Path == "m.c" && x.Line(loc.Span.End) >= l && x.Line(loc.Span.Start) <= l
		}
		var want []diag.Diagnostic
		for _, d := range run.Diagnostics {
			if shown(d.Location) {
				want = append(want, d)
			}
		}
		got, ok := mv.FindingsOn(prev.Diagnostics, line, shown)
		if !ok {
			continue
		}
		answered++
		shownSome = shownSome || len(got) > 0
		if l >= edited-1 && l <= edited+1 {
			t.Errorf("line %d, beside the edit's line %d, was answered from the run before", l+1, edited+1)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("line %d: answered\n%s\nthe run gives\n%s", l+1, describe(got), describe(want))
		}
	}
	if answered == 0 || !shownSome {
		t.Fatalf("%d lines answered, findings shown: %v; the case says nothing", answered, shownSome)
	}
	if _, ok := mv.Findings(prev.Diagnostics, line, func(source.Location) bool { return true }); ok {
		t.Error("Findings says the run moves its findings")
	}
}
