package rules

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/hpyproject/hpylint/analysis/shim"
)

var updateShimCopies = flag.Bool("update-shim-copies", false, "rewrite the golden cases' copies of the generated shim header")

// currentShimCopies are the golden cases' copies of the header as this
// hpylint generates it, some of them as an editor or a formatter leaves it
// (or as someone edited it at the end): what each copy must hold, made from
// the current header. (The stale, edited and newer copies beside them stay
// what they are.)
var currentShimCopies = map[string]func(h []byte) []byte{
	"HPY105/ok_shim_present/src/" + shim.HeaderName: asGenerated,
	"HPY106/misnamed/" + shim.HeaderName:            asGenerated,
	// Neovim writes a file created by a code action with one more line.
	"HPY106/ok_trailing_blank_line/" + shim.HeaderName: func(h []byte) []byte { return append(h, '\n') },
	"HPY106/ok_crlf_no_final_newline/" + shim.HeaderName: func(h []byte) []byte {
		return bytes.TrimSuffix(bytes.ReplaceAll(h, []byte("\n"), []byte("\r\n")), []byte("\r\n"))
	},
	"HPY106/edited_at_end/" + shim.HeaderName: func(h []byte) []byte { return append(h, "\n\nint mine;\n"...) },
}

func asGenerated(h []byte) []byte { return h }

// A change to the shim template changes the header: the copies must follow,
// or the golden cases would test an old shim. Run
// `go test ./analysis/rules -run TestShimHeaderCopies -update-shim-copies`.
func TestShimHeaderCopies(t *testing.T) {
	for rel, copyOf := range currentShimCopies {
		want := copyOf(shim.Header())
		p := filepath.Join("..", "..", "testdata", "rules", filepath.FromSlash(rel))
		got, err := os.ReadFile(p)
		if err == nil && bytes.Equal(got, want) {
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
