package analysis_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A request answered early reads the edit of the buffer (MoveBuffer); the
// run that follows, given the same texts and facts, takes that reading
// rather than comparing every fact again. Other texts or facts are read
// afresh, and each side still decides as it would alone.
func TestRunTakesTheEarlyAnswersReading(t *testing.T) {
	base := movedSnapshotWith(movedSetup, movedSource)
	prev := movedRun(t, base, movedSource, nil)
	at := strings.Index(movedSource, "\n") + 1
	text := []byte(movedSource[:at] + "\n" + movedSource[at:])
	facts, err := cfacts.Extract(cfacts.C, text)
	if err != nil {
		t.Fatal(err)
	}
	before := analysis.ReadingsMade()
	if _, why := prev.MoveBuffer("m.c", &source.File{Path: "m.c", Content: text}, facts); why != "" {
		t.Fatalf("an Enter after the first line does not move: %s", why)
	}
	opts := serverCaches()
	opts.Provided, opts.Previous = map[string]*cfacts.Facts{"m.c": facts}, prev
	run := analysis.Run(context.Background(), base.With(&source.File{Path: "m.c", Content: text}), opts)
	if !run.Moved {
		t.Fatalf("the run did not move its findings: %s", run.NotMoved)
	}
	if made := analysis.ReadingsMade() - before; made != 1 {
		t.Errorf("the request and the run made %d readings of one edit, want 1", made)
	}
	if fresh := movedRun(t, base, string(text), prev); !reflect.DeepEqual(run.Diagnostics, fresh.Diagnostics) {
		t.Errorf("the run that took the reading found otherwise than one that made its own:\n got %s\nwant %s", describe(run.Diagnostics), describe(fresh.Diagnostics))
	}

	// The same text with facts of its own (another Document) is read again.
	again, err := cfacts.Extract(cfacts.C, text)
	if err != nil {
		t.Fatal(err)
	}
	before = analysis.ReadingsMade()
	if _, why := prev.MoveBuffer("m.c", &source.File{Path: "m.c", Content: text}, again); why != "" {
		t.Fatal(why)
	}
	if made := analysis.ReadingsMade() - before; made != 1 {
		t.Errorf("facts of another parse were read %d times, want 1", made)
	}
}
