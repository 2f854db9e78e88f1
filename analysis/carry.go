package analysis

import (
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

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
