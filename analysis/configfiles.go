package analysis

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// snapshotFiles answers a build-config reader's questions about the
// project's other files from the snapshot (buildcfg.Files), and remembers
// each answer so a cached result can be checked against a later snapshot.
type snapshotFiles struct {
	snap  *source.Snapshot
	asked []fileQuestion
}

// fileQuestion is one question and the answer it got.
type fileQuestion struct {
	path      string
	list      bool     // List(path) rather than Content(path)
	existence bool     // Exists(path): only whether it exists matters
	exists    bool     // Content, Exists: the file existed
	hash      [32]byte // Content: its hash
	listing   []string // List: the paths returned
}

func (s *snapshotFiles) Content(p string) ([]byte, bool) {
	f := s.snap.File(p)
	q := fileQuestion{path: p}
	if f != nil && f.Problem == "" {
		q.exists, q.hash = true, f.Hash()
	}
	s.asked = append(s.asked, q)
	if !q.exists {
		return nil, false
	}
	return f.Content, true
}

func (s *snapshotFiles) Exists(p string) bool {
	f := s.snap.File(p)
	exists := f != nil && f.Problem == ""
	s.asked = append(s.asked, fileQuestion{path: p, existence: true, exists: exists})
	return exists
}

func (s *snapshotFiles) List(dir string) []string {
	out := listUnder(s.snap, dir)
	s.asked = append(s.asked, fileQuestion{path: dir, list: true, listing: out})
	return out
}

// listUnder is the snapshot's listed paths below dir, sorted.
func listUnder(snap *source.Snapshot, dir string) []string {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	if dir == "" || dir == "." {
		prefix = ""
	}
	var out []string
	for _, p := range snap.PathsShared() {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// stillAnswered reports whether every question gets the same answer from
// snap as it did when asked.
func stillAnswered(asked []fileQuestion, snap *source.Snapshot) bool {
	for _, q := range asked {
		if q.list {
			now := listUnder(snap, q.path)
			if strings.Join(now, "\x00") != strings.Join(q.listing, "\x00") || len(now) != len(q.listing) {
				return false
			}
			continue
		}
		f := snap.File(q.path)
		exists := f != nil && f.Problem == ""
		if exists != q.exists || exists && !q.existence && f.Hash() != q.hash {
			return false
		}
	}
	return true
}
