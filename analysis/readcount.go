package analysis

import (
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// readCount is a run's count of the files it read, made when first asked:
// only the CLI's report asks, and counting walks every file of the
// workspace (0.6 ms of CPU a key at 2,000 files, which the language
// server paid on every key for a number it never shows).
type readCount struct {
	project *model.Project
	once    sync.Once
	n       int
}

// filesCounted counts filesRead's walks, for a test.
var filesCounted atomic.Int64

// Read counts the files read, analysed or not (a C file without HPy code
// is read, found to be none of hpylint's business, and not parsed).
func (r *Result) Read() int {
	c := r.read
	if c == nil {
		return 0
	}
	c.once.Do(func() {
		c.n = filesRead(c.project.Snapshot, c.project)
	})
	return c.n
}

// filesRead counts the files of the run that were read: given up front or
// reached as sources and headers, excluded ones aside.
func filesRead(snap *source.Snapshot, project *model.Project) int {
	filesCounted.Add(1)
	read := map[string]bool{}
	count := func(p string, f *source.File) {
		if !snap.Excluded(p) && f.Problem == "" {
			if f.Real != "" {
				p = f.Real // one file under two names is one file read
			}
			read[p] = true
		}
	}
	for _, p := range snap.PathsShared() {
		count(p, snap.File(p))
	}
	for _, u := range project.Units {
		count(u.Path, u.File)
	}
	return len(read)
}
