package rules

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

var HPyMissingFromBuildRequires = register(&Rule{
	Code:     "HPY401",
	Name:     "hpy-missing-from-build-requires",
	Severity: diag.Error,
	Summary:  "hpy_ext_modules is used but hpy is not a build requirement",
	Doc: Doc{
		What:    "Reports a setup.py that uses `hpy_ext_modules` while neither `pyproject.toml` `[build-system] requires` nor `setup_requires` (in setup.py or setup.cfg) names `hpy` (or `hpy.devel`, its name up to HPy 0.0.2). Not reported when setup() is given a `distclass` of the script's own that handles `hpy_ext_modules`.",
		Why:     "`hpy_ext_modules` is a setup() keyword that the `hpy` distribution registers. In an isolated build (pip's default) hpy is then not installed: setuptools only warns \"Unknown distribution option: 'hpy_ext_modules'\" and silently builds a wheel without the extensions.",
		Example: "# pyproject.toml\n[build-system]\nrequires = [\"setuptools>=64\"]\n\n# setup.py\nsetup(hpy_ext_modules=[...])",
		Fix:     "Add `hpy` to `[build-system] requires` in pyproject.toml (the fix does this, creating the table or the file when needed).",
	},
	Run: runHPyMissingFromBuildRequires,
})

func runHPyMissingFromBuildRequires(pass *Pass) {
	for _, cfg := range pass.Project.Configs {
		if cfg.HPyExtModules == nil || path.Base(cfg.Path) != "setup.py" {
			continue // pip builds setup.py; other setup scripts are run by hand
		}
		dir := path.Dir(cfg.Path)
		pyproject := pass.Project.Config(path.Join(dir, "pyproject.toml"))
		setupCfg := pass.Project.Config(path.Join(dir, "setup.cfg"))
		if requiresHPy(cfg.SetupRequires) || pyproject != nil && requiresHPy(pyproject.BuildRequires) ||
			setupCfg != nil && requiresHPy(setupCfg.SetupRequires) {
			continue
		}
		if cfg.HPyDistClass != nil {
			continue // its own distribution class handles hpy_ext_modules
		}
		loc, fixes := buildRequiresFix(pass, cfg, pyproject, path.Join(dir, "pyproject.toml"))
		pass.Reportf(loc, fixes,
			"%s uses hpy_ext_modules, but hpy is not in [build-system] requires or setup_requires: an isolated build ignores the keyword and builds a wheel without the HPy extensions", cfg.Path)
	}
}

// requiresHPy reports whether a requirements list names HPy: "hpy", or
// "hpy.devel", the distribution's name up to HPy 0.0.2 (also as a direct
// reference, "hpy.devel @ git+https://...").
func requiresHPy(l *buildcfg.RequirementList) bool {
	return l.Has("hpy") || l.Has("hpy-devel")
}

// buildRequiresFix points at the requires list when there is one and adds
// hpy to it; otherwise it points at the hpy_ext_modules keyword and adds the
// [build-system] table (or the whole pyproject.toml).
func buildRequiresFix(pass *Pass, setup *buildcfg.File, pyproject *buildcfg.File, pyprojectPath string) (source.Location, []diag.Fix) {
	title := "Add hpy to [build-system] requires"
	at := source.Location{Path: setup.Path, Span: *setup.HPyExtModules}
	if pyproject == nil || len(pyproject.Problems) > 0 && pyproject.BuildRequires == nil {
		if pyproject != nil {
			return at, nil // an invalid pyproject.toml is not ours to extend
		}
		table := "[build-system]\nrequires = [\"setuptools>=64\", \"hpy\"]\nbuild-backend = \"setuptools.build_meta\"\n"
		return at, []diag.Fix{{Title: "Create pyproject.toml requiring hpy", Edits: []diag.Edit{{Path: pyprojectPath, NewText: table}}}}
	}
	if req := pyproject.BuildRequires; req != nil && req.InsertAt >= 0 {
		loc := source.Location{Path: pyproject.Path, Span: req.Span}
		return loc, []diag.Fix{{Title: title, Edits: []diag.Edit{{
			Path: pyproject.Path, Span: source.Span{Start: req.InsertAt, End: req.InsertAt},
			NewText: strings.ReplaceAll(req.InsertText, "NAME", "hpy"),
		}}}}
	}
	if pyproject.HasBuildSystem {
		// A [build-system] table without requires: the edit would have to
		// find the table's end; point the user at it instead.
		return at, nil
	}
	content := pass.Project.Snapshot.File(pyproject.Path).Content
	sep := "\n"
	if len(content) > 0 && content[len(content)-1] != '\n' {
		sep = "\n\n"
	}
	table := sep + "[build-system]\nrequires = [\"setuptools>=64\", \"hpy\"]\nbuild-backend = \"setuptools.build_meta\"\n"
	end := len(content)
	return at, []diag.Fix{{Title: title, Edits: []diag.Edit{{Path: pyproject.Path, Span: source.Span{Start: end, End: end}, NewText: table}}}}
}
