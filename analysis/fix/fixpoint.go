package fix

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// MaxPasses bounds the fixpoint loop. One fix can enable another (HPY102
// renames HPy_MODINIT, then HPY106 renames the shim to match), and fixes
// that collided get another go once the first is in, as with ruff.
const MaxPasses = 10

// Analyse finds what to fix in a snapshot: the diagnostics whose fixes a
// pass applies, in the order Compute takes them. An error (the analysis was
// cancelled or failed) ends the loop with nothing to apply.
type Analyse func(*source.Snapshot) ([]diag.Diagnostic, error)

// Fixpoint is the outcome of fixing in memory until nothing changes.
type Fixpoint struct {
	// Changes take each touched file from its content in the first
	// snapshot to its content in Final, sorted by path; a file a later pass
	// put back as it was is not among them.
	Changes []Change
	// Fixed counts the fixes applied over all passes.
	Fixed int
	// Skipped are the fixes of the last pass that could not be applied.
	Skipped []Skipped
	// Converged is false when fixes still changed files after MaxPasses.
	Converged bool
	// Final is the first snapshot with every change applied.
	Final *source.Snapshot
}

// ToFixpoint analyses snap, applies the fixes (Compute), analyses the new
// text, and so on until no fix changes anything, without touching the disk.
// hpylint --fix and --diff and the language server's fix-all all come here,
// so that they agree to the byte.
func ToFixpoint(snap *source.Snapshot, analyse Analyse) (*Fixpoint, error) {
	out := &Fixpoint{}
	type original struct {
		content []byte
		exists  bool
	}
	originals := map[string]original{}
	current := map[string][]byte{}
	cur := snap
	for pass := 0; ; pass++ {
		diags, err := analyse(cur)
		if err != nil {
			return nil, err
		}
		plan := Compute(diags, SnapshotSource(cur))
		out.Skipped = plan.Skipped
		if len(plan.Changes) == 0 {
			out.Converged = true
			break
		}
		if pass == MaxPasses {
			break
		}
		out.Fixed += len(plan.Applied)
		var files []*source.File
		for _, c := range plan.Changes {
			if _, seen := originals[c.Path]; !seen {
				originals[c.Path] = original{content: c.Old, exists: !c.Created}
			}
			current[c.Path] = c.New
			files = append(files, &source.File{Path: c.Path, Content: c.New})
		}
		cur = cur.With(files...)
	}
	out.Final = cur
	paths := make([]string, 0, len(current))
	for p := range current {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		o := originals[p]
		c := Change{Path: p, New: current[p], Created: !o.exists}
		if o.exists {
			c.Old = o.content
			if bytes.Equal(c.Old, c.New) {
				continue // a later pass undid an earlier one
			}
		}
		out.Changes = append(out.Changes, c)
	}
	return out, nil
}

// SnapshotSource reads files for the fix plan from a snapshot. A file the
// analysis could not read is not edited.
func SnapshotSource(s *source.Snapshot) Source {
	return func(p string) ([]byte, bool, error) {
		f := s.File(p)
		if f == nil {
			return nil, false, nil
		}
		if f.Problem != "" {
			return nil, true, fmt.Errorf("%s", f.Problem)
		}
		return f.Content, true, nil
	}
}
