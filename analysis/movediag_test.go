package analysis_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/testenv"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// MoveBuffer and Findings say what the run after prev does with one
// edited buffer: random edits of the moved-findings project, each checked
// against that run (Options.Previous): the same verdict, the same
// findings in the same order, and the same on the few lines a request
// shows.
func TestMoveBufferAgreesWithTheRun(t *testing.T) {
	edits, seed := testenv.Count(t, "HPYLINT_MOVED_EDITS", 300), int64(testenv.Count(t, "HPYLINT_MOVED_SEED", 1))
	quiet := []string{"\n", "\n", "\n", " ", " ", "x", "/* note */"}
	loud := []string{";", "(", "}", "// hpylint: ignore[HPY201]", "HPy_MODINIT(m, moddef)"}
	for _, setup := range []string{movedSetup, pinnedSetup} {
		rng := rand.New(rand.NewSource(seed))
		base := movedSnapshotWith(setup, movedSource)
		text := movedSource
		prev := movedRun(t, base, text, nil)
		moved, ruledOn := 0, 0
		for i := range edits {
			at := rng.Intn(len(text) + 1)
			piece := quiet[rng.Intn(len(quiet))]
			if rng.Intn(5) == 0 {
				piece = loud[rng.Intn(len(loud))]
			}
			if i%25 == 24 {
				text = movedSource
			} else {
				text = text[:at] + piece + text[at:]
			}
			facts, err := cfacts.Extract(cfacts.C, []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			mv, why := prev.MoveBuffer("m.c", &source.File{Path: "m.c", Content: []byte(text)}, facts)
			var got, gotShown, gotOn []diag.Diagnostic
			ok, on := why == "", false
			x := textpos.New([]byte(text))
			// A request shows the findings on a few lines of the buffer.
			first := rng.Intn(x.Lines())
			shown := func(l source.Location) bool {
				return l.Path == "m.c" && x.Line(l.Span.End) >= first && x.Line(l.Span.Start) <= first+2
			}
			if ok {
				line := func(off int) int { return x.Line(off) + 1 }
				gotOn, on = mv.FindingsOn(prev.Diagnostics, line, shown)
				got, ok = mv.Findings(prev.Diagnostics, line, func(source.Location) bool { return true })
				if ok {
					gotShown, _ = mv.Findings(prev.Diagnostics, line, shown)
				}
			}
			run := movedRun(t, base, text, prev)
			what := fmt.Sprintf("edit %d (%q at %d), giving\n%s", i, piece, at, text)
			if ok != run.Moved {
				t.Fatalf("%s: MoveBuffer and Findings say moved %v (%s), the run %v (%s)", what, ok, why, run.Moved, run.NotMoved)
			}
			var wantShown []diag.Diagnostic
			for _, d := range run.Diagnostics {
				if shown(d.Location) {
					wantShown = append(wantShown, d)
				}
			}
			if on {
				if !run.Moved {
					ruledOn++
				}
				if !reflect.DeepEqual(gotOn, wantShown) {
					t.Fatalf("%s: the findings on lines %d-%d, the run %s, differ from the run's:\n got %s\nwant %s", what, first+1, first+3, run.NotMoved, describe(gotOn), describe(wantShown))
				}
			}
			if ok {
				moved++
				if !reflect.DeepEqual(got, run.Diagnostics) {
					t.Fatalf("%s: moved findings differ from the run's:\n got %s\nwant %s", what, describe(got), describe(run.Diagnostics))
				}
				if !reflect.DeepEqual(gotShown, wantShown) {
					t.Fatalf("%s: the findings shown on lines %d-%d differ from the run's:\n got %s\nwant %s", what, first+1, first+3, describe(gotShown), describe(wantShown))
				}
			}
			prev = run
		}
		if moved == 0 {
			t.Fatal("no edit moved: the test says nothing")
		}
		t.Logf("%d of %d edits moved; %d times the rules ran, a request's lines were answered from the run before", moved, edits, ruledOn)
	}
}

// BenchmarkMoveBuffer1MB is what a request answered early pays to know
// that it may be (an Enter in the 1 MB file), beside BenchmarkMoved1MB,
// the moved run itself.
func BenchmarkMoveBuffer1MB(b *testing.B) {
	k := newEnter1MB(b)
	edited, editedFacts := k.edited, k.editedFacts
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache(), Provided: map[string]*cfacts.Facts{"big.c": k.facts}}
	prev := analysis.Run(context.Background(), k.base.With(&source.File{Path: "big.c", Content: k.content}), opts)
	// Two copies of the text, in turn: the last reading is kept for the
	// run that follows a request (sharedQuietReading), and each key is
	// read once.
	texts := [2][]byte{edited, bytes.Clone(edited)}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		mv, why := prev.MoveBuffer("big.c", &source.File{Path: "big.c", Content: texts[i%2]}, editedFacts)
		if why != "" {
			b.Fatal(why)
		}
		// A quick fix shows the findings of the cursor's line.
		onLine := func(l source.Location) bool { return l.Path == "big.c" && l.Span.Start < 100 }
		if _, ok := mv.Findings(prev.Diagnostics, func(int) int { return 1 }, onLine); !ok {
			b.Fatal("the findings did not move")
		}
	}
}
