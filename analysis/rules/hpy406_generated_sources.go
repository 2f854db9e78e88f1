package rules

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
)

var GeneratedSources = register(&Rule{
	Code:     "HPY406",
	Name:     "generated-sources",
	Severity: diag.Info,
	Summary:  "An HPy extension compiles sources made at build time",
	Doc: Doc{
		What:    "Reports, once per HPy extension, the sources its build config lists that the build generates: numpy.distutils templates (`x.c.src`, `x.h.src`), a `.c` made from one, from a Cython `.pyx` or a SWIG `.i`, and generator functions placed in a source list (`generate_umath_c`).",
		Why:     "There is no file to analyse until the build has run, so whatever these sources do is not checked. They are not missing either: HPY403 does not report them.",
		Example: "config.add_hpy_extension('_core', sources=[join('src', 'loops.c.src'), 'core.c', generate_config_h])",
		Fix:     "Nothing is wrong with the build. Check the generated code by running hpylint on the build directory after a build, or suppress with `# hpylint: ignore[HPY406]`.",
	},
	Run: runGeneratedSources,
})

// maxListed is how many generated sources the message names.
const maxListed = 8

func runGeneratedSources(pass *Pass) {
	for _, e := range hpyExtensions(pass) {
		gen := e.Decl.Generated
		if len(gen) == 0 {
			continue
		}
		var names []string
		for i, g := range gen {
			if i == maxListed {
				names = append(names, fmt.Sprintf("and %d more", len(gen)-maxListed))
				break
			}
			names = append(names, g.Value)
		}
		noun := "sources"
		if len(gen) == 1 {
			noun = "source"
		}
		pass.Reportf(e.NameLocation(), nil, "extension %q compiles %d %s generated at build time, which hpylint cannot analyse: %s",
			e.Name, len(gen), noun, strings.Join(names, ", "))
	}
}
