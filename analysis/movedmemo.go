package analysis

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A request answered early (MoveBuffer) and the run that follows it
// (moveResult) read the same edit between the same two texts: in a 1 MB
// file each reading compares the whole file's facts, and the two ran side
// by side on a two-core machine. The last reading is kept, and one that
// comes while it is being made waits for it. Texts and facts are never
// modified once read, so the same pointers mean the same reading.

type readingKey struct {
	path, nextPath       string
	problem, nextProblem string
	old, next            *byte
	oldLen, nextLen      int
	facts, nextFacts     *cfacts.Facts
}

var lastReading struct {
	sync.Mutex
	key     readingKey
	made    bool
	e       cfacts.Edit
	anchors cfacts.Anchors // read only by movedFindings
	why     string
}

// sharedQuietReading is quietReading, made once for two callers that ask
// for the same texts one after the other.
func sharedQuietReading(file *source.File, facts *cfacts.Facts, next *source.File, nextFacts *cfacts.Facts) (cfacts.Edit, cfacts.Anchors, string) {
	key := readingKey{
		path: file.Path, nextPath: next.Path, problem: file.Problem, nextProblem: next.Problem,
		old: unsafe.SliceData(file.Content), next: unsafe.SliceData(next.Content),
		oldLen: len(file.Content), nextLen: len(next.Content),
		facts: facts, nextFacts: nextFacts,
	}
	r := &lastReading
	r.Lock()
	defer r.Unlock()
	if !r.made || r.key != key {
		r.e, r.anchors, r.why = quietReading(file, facts, next, nextFacts)
		r.key, r.made = key, true
	}
	return r.e, r.anchors, r.why
}

// readingsMade counts the readings quietReading made, for tests.
var readingsMade atomic.Int64
