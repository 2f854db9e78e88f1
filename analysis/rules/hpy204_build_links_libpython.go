package rules

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

var BuildLinksLibpython = register(&Rule{
	Code:     "HPY204",
	Name:     "build-links-libpython",
	Severity: diag.Error,
	Summary:  "A universal or hybrid HPy extension is linked against libpython",
	Doc: Doc{
		What:    "Reports a build config that links a universal or hybrid HPy extension with libpython: `libraries=['python3.x']`, `-lpython3*`, CMake's `Python::Python`/`Python3::Python`, meson's `dependency('python3-embed')` or `py.dependency(embed: true)`, or setuptools' `py_limited_api=True` on an HPy extension.",
		Why:     "HPy extensions get everything from the HPy context at run time; linking libpython pins the binary to one CPython build (and its ABI flags), makes it load a second interpreter into PyPy or GraalPy, or fails outright where libpython does not exist. `py_limited_api` asks setuptools for a CPython abi3 tag, which is meaningless for HPy's own tags.",
		Example: "target_link_libraries(mod PRIVATE Python3::Python)   # HPY204",
		Fix:     "Drop the link: link nothing Python-related (CMake `Python3::Module` only adds include paths on platforms that need no libpython), remove `py_limited_api`.",
	},
	Run: runBuildLinksLibpython,
})

func runBuildLinksLibpython(pass *Pass) {
	for _, e := range hpyExtensions(pass) {
		if e.ABI.ABI == buildcfg.ABICPython {
			continue
		}
		at := func(s source.Span) source.Location { return source.Location{Path: e.Config.Path, Span: s} }
		for _, lib := range e.Decl.Libraries {
			if linksLibpython(lib.Value) {
				pass.Reportf(at(lib.Span), nil, "HPy %s extension %q links %s; an HPy binary must not depend on libpython", e.ABI.ABI, e.Name, lib.Value)
			}
		}
		if l := e.Decl.PyLimitedAPI; l != nil {
			pass.Reportf(at(l.Span), nil, "py_limited_api=True on HPy extension %q asks for a CPython abi3 build; HPy extensions do not use CPython's limited API", e.Name)
		}
	}
}

// linksLibpython recognises the spellings of libpython in build configs.
func linksLibpython(lib string) bool {
	l := strings.TrimPrefix(strings.TrimSpace(lib), "-l")
	switch {
	case l == "Python::Python", l == "Python3::Python", l == "Python2::Python":
		return true
	case strings.Contains(l, "python3-embed"), strings.Contains(l, "embed: true"), strings.Contains(l, "embed:true"):
		return true
	}
	l = strings.TrimPrefix(l, "lib")
	return strings.HasPrefix(l, "python") && (len(l) == len("python") || l[len("python")] >= '0' && l[len("python")] <= '9')
}
