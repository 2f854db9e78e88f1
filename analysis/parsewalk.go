package analysis

import (
	"slices"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/model"
)

// A key in the editor changes one file's facts, and seldom what the parse
// phase reads of them: which headers it includes, under which #if HPY
// branches, and whether it holds HPy at all. The phase would then reach
// the files it reached before, with the grammars it gave them, and fail
// on the ones it failed on; walking every source's includes again to
// find that out was most of a model's cost in a workspace of 2,000 files.

// adoptWalk gives p's units the outcome of prev's parse phase when it is
// provably p's own: the same configs and files, no unit added by the walk
// (a header outside the snapshot, or a second name of a file), and each
// file either the same as prev's (a snapshot made With the one before
// keeps what it excludes) or an open buffer whose facts are provided,
// read with the grammar prev gave it, reaching the same headers
// (model.SameReach), with the same byte tests, or a file prev did not
// parse that is still not needed. It records in failed the units that
// cannot be analysed, and reports whether it gave the outcome; if not,
// nothing was changed.
func adoptWalk(p, prev *model.Project, opts *Options, failed map[*model.Unit]string) bool {
	if prev == nil || prev.Walked == nil || len(prev.Units) != len(p.Units) || !slices.Equal(prev.Configs, p.Configs) {
		return false
	}
	facts := make([]*cfacts.Facts, len(p.Units))
	for i, u := range p.Units {
		was := prev.Unit(u.Path)
		if was == nil || was.Path != u.Path {
			return false
		}
		if was.File == u.File {
			facts[i] = was.Facts
			continue
		}
		if _, failedBefore := prev.Walked.Failed[u.Path]; failedBefore || notSource(u.File) != "" ||
			prev.Scans.Of(was.File) != p.Scans.Of(u.File) {
			return false
		}
		if was.Facts == nil {
			if p.NeedsFacts(u) {
				return false // needed now: no longer excluded, say
			}
			continue // neither needed nor reached before, nor needed now
		}
		f := opts.Provided[u.Path]
		if f == nil || f.Lang != was.Facts.Lang || !model.SameReach(was.Facts, f) {
			return false
		}
		facts[i] = f
	}
	walksAdopted.Add(1)
	for i, u := range p.Units {
		u.Facts = facts[i]
		if reason, ok := prev.Walked.Failed[u.Path]; ok {
			failed[u] = reason // the same file as then (above)
		}
	}
	return true
}

// walksAdopted counts the models that took the walk before theirs (for
// tests).
var walksAdopted atomic.Int64

// walked records the parse phase's outcome in p for the next model.
func walked(p *model.Project, failed map[*model.Unit]string) {
	w := &model.Walked{Failed: make(map[string]string, len(failed))}
	for u, reason := range failed {
		w.Failed[u.Path] = reason
	}
	p.Walked = w
}
