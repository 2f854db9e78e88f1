package model

import (
	"math/rand"
	"path"
	"strings"
	"testing"
)

// SourcePath joins clean paths without path.Join; this checks it gives
// what joining and cleaning gives, over random paths of the characters
// that matter.
func TestSourcePathEqualsTheJoin(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	word := func() string {
		var b strings.Builder
		for range rng.Intn(8) {
			b.WriteByte("ab./\\"[rng.Intn(5)])
		}
		return b.String()
	}
	fast := 0
	for range 200000 {
		config, written := word()+"setup.py", word()
		if rng.Intn(2) == 0 {
			config = "setup.py"
		}
		want := strings.ReplaceAll(written, "\\", "/")
		if path.IsAbs(want) {
			want = path.Clean(want)
		} else {
			want = path.Join(path.Dir(config), want)
		}
		if got := SourcePath(config, written); got != want {
			t.Fatalf("SourcePath(%q, %q) = %q, want %q", config, written, got, want)
		}
		if cleanRelative(config) && cleanRelative(written) && !strings.Contains(written, "\\") {
			fast++
		}
	}
	if fast < 10000 {
		t.Fatalf("only %d paths took the short way: the test checks too little of it", fast)
	}
}
