package analysis_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Every [ABI: ...] reason names what really decides the extension: the
// golden cases about ABI evidence, read for each extension's decided ABI
// and its description (the text messages and the hover carry).
func TestABIReasons(t *testing.T) {
	cases := map[string]map[string]string{
		"HPY105/ok_interpreter_dependent": {
			"plainport": "universal on PyPy and GraalPy, cpython on CPython, by hpy.devel's default: no build config or build command pins the ABI",
		},
		"HPY105/ok_recipe_without_abi": {
			"maked": "universal on PyPy and GraalPy, cpython on CPython, by hpy.devel's default: no build config or build command pins the ABI",
		},
		"HPY105/ok_written_out_rule": {
			"written": "universal on PyPy and GraalPy, cpython on CPython, as setup.py:4 `'cpython' if sys.implementation.name == 'cpython' else 'universal'` writes out",
		},
		"HPY105/stated_universal": {
			"stated": `universal, as abi = "universal" in hpylint.toml states: no build config pins the ABI`,
		},
		"HPY201/ci_pins_subdirectory_only": {
			"core":  `cpython, as abi = "cpython" in hpylint.toml states: no build config pins the ABI`,
			"bench": "universal, from .github/workflows/ci.yml:12 `--config-settings=\"--global-option=--hpy-abi=universal\"`",
		},
		"HPY201/script_builds_from_root": {
			"rooted": "universal, from scripts/wheels.sh:4 `hpy-abi=universal`",
			"demo":   "universal (checked as such): scripts/wheels.sh:7 `--hpy-abi=\"$1\"` chooses the ABI when built, through a variable",
		},
		"HPY201/makefile_cd_pins_one_example": {
			"ex_a": "universal, from Makefile:2 `--hpy-abi=universal`",
			"ex_b": `cpython, as abi = "cpython" in hpylint.toml states: no build config pins the ABI`,
		},
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "rules", filepath.FromSlash(name))
			p := analyseCase(t, dir).Project
			seen := map[string]bool{}
			for _, e := range p.Extensions {
				w, ok := want[e.Name]
				if !ok {
					continue
				}
				seen[e.Name] = true
				got := e.ABI.Describe(func(l source.Location) string { return strconv.Itoa(p.Lines(l.Path).Line(l.Span.Start) + 1) })
				if got != w {
					t.Errorf("%s: ABI %s\nwant  %s", e.Name, got, w)
				}
			}
			for ext := range want {
				if !seen[ext] {
					t.Errorf("no extension %s", ext)
				}
			}
		})
	}
}
