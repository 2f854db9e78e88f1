package factstore

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The cache stays bounded by age, as Go's build cache does: an entry is
// marked used at most once an hour when read (Load), and at most once a
// day a run removes the entries nobody read for unusedFor. Content-keyed
// entries of old file versions or of other hpylint builds are then gone
// within days; the entries of the files in use never are.
const (
	touchEvery = time.Hour
	trimEvery  = 24 * time.Hour
	unusedFor  = 5 * 24 * time.Hour
	// A temporary file this old belongs to a run that was killed.
	abandonedAfter = time.Hour
)

// Trim removes the entries not used for five days, when no run did so
// in the last day. It removes nothing but entries and the temporary files
// of entries, whatever else the directory holds.
func (s *Store) Trim() {
	if s.noPut.Load() {
		return
	}
	mark := filepath.Join(s.dir, "trimmed")
	now := time.Now()
	if info, err := os.Stat(mark); err == nil && now.Sub(info.ModTime()) < trimEvery {
		return
	}
	// Marked first: runs started meanwhile leave the trimming to this one.
	if err := writeAtomically(mark, []byte(now.UTC().Format(time.RFC3339)+"\n")); err != nil {
		return
	}
	s.trimBefore(now)
}

func (s *Store) trimBefore(now time.Time) {
	dir := filepath.Join(s.dir, "facts")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		limit := unusedFor
		switch {
		case strings.HasPrefix(name, "tmp-"):
			limit = abandonedAfter
		case !isHex(name, 64):
			continue
		}
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && now.Sub(info.ModTime()) > limit {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
