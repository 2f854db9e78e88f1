package analysis

import (
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A key that changes an open buffer's facts has the rules' carry ask
// which names the new facts declare (rules.NewCarry), before any rule
// starts: a third of a millisecond for numpy-hpy's open file, on one core
// while the other idles, since nothing is parsed on a key. warmChanged
// works them out on the other core while the model is built.

// warmChanged starts work (model.NamesDeclaredIn in a run) on a goroutine
// of its own for each buffer that changed since prev, of those whose facts
// are given (Options.Provided); the channel is closed when it is done,
// and warming counts the buffers.
func warmChanged(snap *source.Snapshot, prev *Result, provided map[string]*cfacts.Facts, work func(*source.File, *cfacts.Facts)) (done <-chan struct{}, warming int) {
	finished := make(chan struct{})
	type buffer struct {
		file  *source.File
		facts *cfacts.Facts
	}
	var todo []buffer
	if prev != nil && prev.state != nil && len(provided) > 0 {
		if changed, ok := snap.ChangedFrom(prev.state.snap); ok {
			for _, p := range changed {
				if f, file := provided[p], snap.File(p); f != nil && file != nil {
					todo = append(todo, buffer{file, f})
				}
			}
		}
	}
	if len(todo) == 0 {
		close(finished)
		return finished, 0
	}
	go func() {
		defer close(finished)
		// A panic here is the carry's to report when it asks the same.
		defer func() { _ = recover() }()
		for _, b := range todo {
			work(b.file, b.facts)
		}
	}()
	return finished, len(todo)
}

// declaredNames is warmChanged's work in a run.
func declaredNames(file *source.File, f *cfacts.Facts) { model.NamesDeclaredIn(file, f) }
