package analysis_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// On the development corpus (HPYLINT_REAL_TREES, colon-separated
// checkouts named as their repositories), each HPy extension's ABI is
// decided by the evidence that really builds it, read against the ports'
// build files by hand: a prefix of the reason, per extension; and the
// build-requirement and embedding false positives stay gone.
func TestRealTreesABI(t *testing.T) {
	trees := os.Getenv("HPYLINT_REAL_TREES")
	if trees == "" {
		t.Skip("HPYLINT_REAL_TREES names no checkouts of the HPy ports")
	}
	const dflt = "universal on PyPy and GraalPy, cpython on CPython, by hpy.devel's default"
	wants := map[string]map[string]string{
		"hpy": {
			"simple":     "universal, from Makefile:81 `--hpy-abi=universal`",
			"mixed":      dflt, // Makefile:82 runs its setup.py without --hpy-abi
			"snippets":   "universal, from Makefile:83 ",
			"quickstart": "universal, from Makefile:84 ",
			"hpy_simple": "universal, from microbench/Makefile:9 ",
			"pof":        "universal (checked as such): proof-of-concept/test_pof.sh:49 `--hpy-abi=\"$HPY_ABI\"`",
		},
		"piconumpy":     {"piconumpy._piconumpy_hpy": "universal, from Makefile:16 "},
		"kiwi":          {"kiwisolver": dflt},
		"ultrajson-hpy": {"ujson_hpy": "universal, from Makefile:8 "},
		"bencode-hpy":   {"bencode_hpy._bencode": dflt},
		"pillow-hpy":    {"PIL._imaging": "universal on PyPy and GraalPy, cpython on CPython, as setup.py:55 "},
	}
	never := map[string][]string{"ultrajson-hpy": {"HPY401"}, "numpy-hpy": {"HPY401"}, "hpy": {"HPY402"}}
	for _, tree := range strings.Split(trees, ":") {
		name := filepath.Base(filepath.Clean(tree))
		want, codes := wants[name], never[name]
		if want == nil && codes == nil {
			continue
		}
		t.Run(name, func(t *testing.T) {
			res := runTree(t, tree)
			p := res.Project
			seen := map[string]bool{}
			for _, e := range p.Extensions {
				w, ok := want[e.Name]
				if !ok || !e.HPy {
					continue
				}
				seen[e.Name] = true
				got := e.ABI.Describe(func(l source.Location) string { return strconv.Itoa(p.Lines(l.Path).Line(l.Span.Start) + 1) })
				if !strings.HasPrefix(got, w) {
					t.Errorf("%s: ABI %s\nwant  %s...", e.Name, got, w)
				}
			}
			for ext := range want {
				if !seen[ext] {
					t.Errorf("no HPy extension %s", ext)
				}
			}
			for _, d := range res.Diagnostics {
				for _, c := range codes {
					if d.Code == c {
						t.Errorf("%s at %s: %s", c, d.Location.Path, d.Message)
					}
				}
			}
		})
	}
}
