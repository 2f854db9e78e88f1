package analysis

import (
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// inherited is what a run of the rules starts from of the run before
// (Options.Previous): what its rules worked out file by file, its model,
// its byte tests of files, what each rule took, and how many findings it
// had.
type inherited struct {
	carry    *rules.Carry
	model    *model.Project
	scans    *model.Scans
	costs    ruleCosts
	findings int
	rendered *diag.Memo
}

func inheritFrom(prev *Result, snap *source.Snapshot, opts *Options) inherited {
	if prev == nil {
		return inherited{}
	}
	in := inherited{carry: carryOf(prev, snap, opts), findings: len(prev.Diagnostics)}
	if prev.state != nil {
		in.model, in.scans, in.costs, in.rendered = prev.state.base, prev.state.scans, prev.state.costs, prev.state.rendered
	}
	return in
}

// carryOf is the carry of prev's rules (rules.Carry) when a run over snap
// may keep what it still holds: the same settings, and no file changed
// since but open C and C++ buffers. The carry checks the rest.
func carryOf(prev *Result, snap *source.Snapshot, opts *Options) *rules.Carry {
	if prev == nil || prev.state == nil || len(prev.Failures) > 0 || prev.state.options != opts.key() {
		return nil
	}
	changed, ok := snap.ChangedFrom(prev.state.snap)
	if !ok {
		return nil
	}
	for _, p := range changed {
		if _, isC := cfacts.LangOf(p); !isC {
			return nil
		}
	}
	return prev.state.carry
}
