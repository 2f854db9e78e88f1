package rules

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/hpyproject/hpylint/analysis/shim"
)

var updateShimCopies = flag.Bool("update-shim-copies", false, "rewrite the golden cases' copies of the generated shim header")

// currentShimCopies are the golden cases' copies of the header as this
// hpylint generates it: in those cases a current shim must draw no finding.
// (The stale, edited and newer copies beside them stay what they are.)
var currentShimCopies = []string{
	"HPY105/ok_shim_present/src/" + shim.HeaderName,
	"HPY106/misnamed/" + shim.HeaderName,
}

// A change to the shim template changes the header: the copies must follow,
// or the golden cases would test an old shim. Run
// `go test ./analysis/rules -run TestShimHeaderCopies -update-shim-copies`.
func TestShimHeaderCopies(t *testing.T) {
	want := shim.Header()
	for _, rel := range currentShimCopies {
		p := filepath.Join("..", "..", "testdata", "rules", filepath.FromSlash(rel))
		got, err := os.ReadFile(p)
		if err == nil && string(got) == string(want) {
			continue
		}
		if *updateShimCopies {
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("testdata/rules/%s is not the current generator output; run: go test ./analysis/rules -run TestShimHeaderCopies -update-shim-copies", rel)
	}
}
