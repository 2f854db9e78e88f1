package analysis

import (
	"context"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A directory the walk could not list is reported like a file that could
// not be read (HPY003), unless excluded: its files were not analysed.
func TestUnlistedDirectoryIsReported(t *testing.T) {
	snap := source.NewSnapshot(t.TempDir(), nil)
	snap.Unlisted = []*source.File{
		{Path: "src/locked", Problem: "directory cannot be read: permission denied; the files in it were not analysed"},
		{Path: "vendor/locked", Problem: "directory cannot be read: permission denied; the files in it were not analysed"},
	}
	snap.Exclude = func(p string) bool { return p == "vendor/locked" }
	res := Run(context.Background(), snap, Options{})
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Code != "HPY003" || res.Diagnostics[0].Location.Path != "src/locked" {
		t.Errorf("got %+v", res.Diagnostics)
	}
}
