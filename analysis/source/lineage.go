package source

import (
	"slices"
	"weak"
)

// A snapshot made by With remembers the one it was made from and the
// paths it was given, so that ChangedFrom compares only those: the
// language server makes each key's snapshot from the same disk snapshot
// with the open buffers, and comparing two of them file by file cost a
// quarter of a millisecond in a workspace of 2,000 files.
type lineage struct {
	// parent is the snapshot With was called on; held weakly, or each
	// key's snapshot would keep every one before it.
	parent weak.Pointer[Snapshot]
	// given are the paths With was given.
	given []string
	// replaced: each of them was already a file of the parent, so both
	// list the same paths.
	replaced bool
}

// maxLineage bounds how far ChangedFrom looks up the snapshots a
// snapshot was made from.
const maxLineage = 8

func lineageOf(parent *Snapshot, files []*File) lineage {
	l := lineage{parent: weak.Make(parent), given: make([]string, len(files)), replaced: true}
	for i, f := range files {
		l.given[i] = f.Path
		l.replaced = l.replaced && parent.files[f.Path] != nil
	}
	return l
}

// ancestors are s and the snapshots it was made from, nearest first, as
// far as each was made by With replacing files of the one before (all of
// them list s's paths); nil entries are never returned.
func (s *Snapshot) ancestors() []*Snapshot {
	out := []*Snapshot{s}
	for n := s; len(out) < maxLineage && n.lineage.replaced; {
		if n = n.lineage.parent.Value(); n == nil {
			break
		}
		out = append(out, n)
	}
	return out
}

// givenSince lists, sorted and each once, the paths given to With on the
// way from a snapshot both s and prev were made from (either may be it)
// to each of them, when there is one within maxLineage steps: every
// other path has the file it has in that snapshot, in both.
func (s *Snapshot) givenSince(prev *Snapshot) ([]string, bool) {
	mine, theirs := s.ancestors(), prev.ancestors()
	for i, a := range mine {
		j := slices.Index(theirs, a)
		if j < 0 {
			continue
		}
		var paths []string
		for _, n := range mine[:i] {
			paths = append(paths, n.lineage.given...)
		}
		for _, n := range theirs[:j] {
			paths = append(paths, n.lineage.given...)
		}
		slices.Sort(paths)
		return slices.Compact(paths), true
	}
	return nil, false
}
