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

// where names a place as path:line.
func (o *outcome) where(loc source.Location) string {
	return fmt.Sprintf("%s:%d", loc.Path, o.lines(loc.Path).Line(loc.Span.Start)+1)
}

func (o *outcome) lineOf(loc source.Location) int { return o.lines(loc.Path).Line(loc.Span.Start) + 1 }
