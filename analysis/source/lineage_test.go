package source

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
)

// ChangedFrom compares only the files given to With since a snapshot the
// two were made from; this checks that the answer is the one comparing
// every file gives, over random families of snapshots made from one disk
// snapshot as the language server makes them, and from each other.
func TestChangedFromLineageEqualsTheWalk(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	contents := []string{"int a;\n", "int b;\n", "int c;\n"}
	var files []*File
	for i := range 12 {
		files = append(files, &File{Path: fmt.Sprintf("f%02d.c", i), Content: []byte(contents[i%len(contents)]), Real: fmt.Sprintf("/w/f%02d.c", i)})
	}
	short := 0
	for round := range 200 {
		disk := NewSnapshot("/w", files)
		snaps := []*Snapshot{disk}
		for range 10 {
			from := snaps[rng.Intn(len(snaps))]
			var given []*File
			for range 1 + rng.Intn(3) {
				path := fmt.Sprintf("f%02d.c", rng.Intn(len(files)))
				switch rng.Intn(6) {
				case 0: // a file the snapshot did not have
					path = fmt.Sprintf("new%d.c", rng.Intn(2))
				case 1: // the file it has, as it is
					if f := from.File(path); f != nil {
						given = append(given, f)
						continue
					}
				}
				given = append(given, &File{Path: path, Content: []byte(contents[rng.Intn(len(contents))])})
			}
			if rng.Intn(4) == 0 {
				snaps = append(snaps, from.WithShared(given...))
			} else {
				snaps = append(snaps, from.With(given...))
			}
		}
		for range 20 {
			s, prev := snaps[rng.Intn(len(snaps))], snaps[rng.Intn(len(snaps))]
			gotChanged, gotOK := s.ChangedFrom(prev)
			wantChanged, wantOK := s.changedInAll(prev)
			if gotOK != wantOK || gotOK && !slices.Equal(gotChanged, wantChanged) {
				t.Fatalf("round %d: ChangedFrom gave %v %v, comparing every file gives %v %v", round, gotChanged, gotOK, wantChanged, wantOK)
			}
			if _, ok := s.givenSince(prev); ok {
				short++
			}
		}
	}
	if short < 1000 {
		t.Fatalf("only %d of 4,000 comparisons went by the snapshots' lineage: the test checks too little of it", short)
	}
}
