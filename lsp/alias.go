package lsp

import (
	"path/filepath"
	"sort"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// One file reached by two names (a symbolic link and its target) is one
// unit to the engine, as in the command line, named as the build names it;
// the client knows it by the name it opened. An open buffer under either
// name is the content of that file under both (source.WithShared), and the
// findings of the file are published under each name the client has open
// for it, at the same places, and not under a name it did not open. A file
// no buffer holds keeps the engine's name, as any unopened file does.

// realPath is the path with every symbolic link resolved, as the snapshot
// names a file read from disk (source.File.Real); "" when it is not on
// disk, such as a buffer not saved yet.
func realPath(abs string) string {
	r, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return ""
	}
	return r
}

// byEdit puts the buffers in the order they last changed, so that of two
// buffers open for one file, the newer comes later and wins.
func byEdit(taken []snapshotDoc) {
	sort.SliceStable(taken, func(i, j int) bool { return taken[i].edited < taken[j].edited })
}

// openNames are the snapshot paths the client has open, by real path.
type openNames map[string][]string

func (n openNames) add(real, rel string) {
	if real != "" {
		n[real] = append(n[real], rel)
	}
}

// of are the names to publish a finding at rel under: those the client
// has open for its file, else rel itself. It never reads the disk (the
// server's lock is held): a file a finding is in was read by the run.
func (n openNames) of(snap *source.Snapshot, rel string) []string {
	if len(n) > 0 {
		if f := snap.Known(rel); f != nil && f.Real != "" && len(n[f.Real]) > 0 {
			return n[f.Real]
		}
	}
	return []string{rel}
}

// sameFile reports whether two snapshot paths name one file.
func sameFile(snap *source.Snapshot, a, b string) bool {
	if a == b {
		return true
	}
	fa, fb := snap.Known(a), snap.Known(b)
	return fa != nil && fb != nil && fa.Real != "" && fa.Real == fb.Real
}

// rehome moves a finding, its related places and its fixes' edits from
// one name of a file to another; d itself is not modified.
func rehome(d diag.Diagnostic, from, to string) diag.Diagnostic {
	if from == to {
		return d
	}
	d.Location.Path = to
	d.Related = append([]diag.Related(nil), d.Related...)
	for i := range d.Related {
		if d.Related[i].Location.Path == from {
			d.Related[i].Location.Path = to
		}
	}
	fixes := make([]diag.Fix, len(d.Fixes))
	for i, fx := range d.Fixes {
		fx.Edits = rehomeEdits(fx.Edits, func(p string) bool { return p == from }, to)
		fixes[i] = fx
	}
	d.Fixes = fixes
	return d
}

// rehomeEdits is edits with the paths that match renamed to to.
func rehomeEdits(edits []diag.Edit, match func(string) bool, to string) []diag.Edit {
	out := append([]diag.Edit(nil), edits...)
	for i := range out {
		if match(out[i].Path) {
			out[i].Path = to
		}
	}
	return out
}
