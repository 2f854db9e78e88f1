package lsp

import (
	"fmt"
	"sync"

	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// Requests are answered from the last completed run of the folder that
// owns the file (scheduler.go's current waits until it covers every edit).

// outcome is one completed run of a folder.
type outcome struct {
	folder   *folder
	gen      uint64
	edits    uint64 // folder.edits as of gen
	snap     *source.Snapshot
	res      *analysis.Result // nil when the run failed as a whole
	opts     analysis.Options // what res was computed with (fix-all runs again with them)
	fixAlls  fixAllMemo
	versions map[string]int32 // open buffers analysed: absolute path -> version
	uris     map[string]uri.URI
	// shadowed are open buffers (absolute paths) whose text is not what
	// was analysed: the other name of their file was edited later.
	shadowed map[string]bool
	indexes  map[string]*textpos.Index    // open buffers' line indexes, by snapshot path
	diags    map[string][]diag.Diagnostic // absolute path -> findings, for paths the folder owns
	// mu serialises requests that walk res.Model(): its include resolution
	// fills lazy indexes.
	mu sync.Mutex

	// An early view (early.go) is a run seen through the edits one buffer
	// had since: base is the run, since the edit; the view's texts,
	// indexes, versions and findings are the buffer's as they are now,
	// while the places res.Model() gives are still in the run's text.
	base  *outcome
	since *analysis.BufferMove
	texts map[string][]byte // the buffer's text now, by snapshot path
	// unplaced is set when a place of the model could not be moved
	// through since: the answer made from it cannot be given early.
	unplaced bool
}

// modelMu is the lock of the run whose model o reads.
func (o *outcome) modelMu() *sync.Mutex {
	if o.base != nil {
		return &o.base.mu
	}
	return &o.mu
}

// lines indexes a file of the run's snapshot.
func (o *outcome) lines(rel string) *textpos.Index {
	if x := o.indexes[rel]; x != nil {
		return x
	}
	return o.folder.lines.index(o.snap.File(rel))
}

// content is a file's text in the run's snapshot (nil when it does not exist).
func (o *outcome) content(rel string) []byte {
	if t, ok := o.texts[rel]; ok {
		return t
	}
	if f := o.snap.File(rel); f != nil {
		return f.Content
	}
	return nil
}

// uriFor names an absolute path to the client: as the client spelled an
// open buffer, else as a file URI.
func (o *outcome) uriFor(abs string) uri.URI {
	if u, ok := o.uris[abs]; ok {
		return u
	}
	return uri.File(abs)
}

// where names a place the model gives as path:line.
func (o *outcome) where(loc source.Location) string {
	return fmt.Sprintf("%s:%d", loc.Path, o.lineOf(loc))
}

// lineOf is the 1-based line of a place the model gives: in an early view,
// moved through the edit since the run first.
func (o *outcome) lineOf(loc source.Location) int {
	off := loc.Span.Start
	if o.since != nil && loc.Path == o.since.Path {
		var ok bool
		if off, ok = o.since.Edit.MovePoint(off); !ok {
			o.unplaced = true
		}
	}
	return o.lines(loc.Path).Line(off) + 1
}
