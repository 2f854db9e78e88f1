package analysis_test

import (
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A run that moved its findings keeps what it needs of the run before
// (its model, the texts edited since), never that run's own state: typing
// in a 1 MB file is mostly such runs, and a chain of them kept every text
// and its facts (660 MB after 200 keys) until a run of the rules.
func TestMovedRunsDoNotKeepTheRunsBefore(t *testing.T) {
	base := movedSnapshot(movedSource)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	run := func(f *source.File, prev *analysis.Result) *analysis.Result {
		return analysis.RunBuffer(t, base, opts, f, prev)
	}
	text := movedSource
	prev := run(&source.File{Path: "m.c", Content: []byte(text)}, nil)
	at := strings.Index(text, "    int x = 1;")
	var early weak.Pointer[source.File]
	for i := range 12 {
		text = text[:at] + "\n" + text[at:]
		f := &source.File{Path: "m.c", Content: []byte(text)}
		res := run(f, prev)
		if !res.Moved {
			t.Fatalf("key %d did not move the findings: %s", i, res.NotMoved)
		}
		if i == 1 {
			early = weak.Make(f)
		}
		prev = res
	}
	for range 5 {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if early.Value() != nil {
		t.Fatal("the text of the second moved run is still reachable from the last run")
	}
	runtime.KeepAlive(prev)
}
