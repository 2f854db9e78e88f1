package analysis

import (
	"fmt"
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/cmake"
	"github.com/hpyproject/hpylint/analysis/buildcfg/makefile"
	"github.com/hpyproject/hpylint/analysis/buildcfg/meson"
	"github.com/hpyproject/hpylint/analysis/buildcfg/pyproject"
	"github.com/hpyproject/hpylint/analysis/buildcfg/scripts"
	"github.com/hpyproject/hpylint/analysis/buildcfg/setupcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/setuppy"
)

// configReader reads one kind of build config. files answers for the
// project's other files; only setup.py asks (the local modules it imports,
// the files its globs match).
type configReader func(path string, content []byte, files buildcfg.Files) *buildcfg.File

// alone adapts a reader that reads its own file only.
func alone(read func(path string, content []byte) *buildcfg.File) configReader {
	return func(p string, content []byte, _ buildcfg.Files) *buildcfg.File { return read(p, content) }
}

// readerFor picks the reader for a file by its name; nil when the file is
// not a build config.
func readerFor(p string) configReader {
	switch base := path.Base(p); {
	case base == "setup.py":
		return setuppy.ReadIn
	case isOtherSetupScript(base):
		return readOtherSetupScript
	case base == "pyproject.toml":
		return alone(pyproject.Read)
	case base == "setup.cfg":
		return alone(setupcfg.Read)
	case base == "CMakeLists.txt":
		return alone(cmake.Read)
	case base == "meson.build":
		return alone(meson.Read)
	case base == "Makefile", base == "makefile", base == "GNUmakefile", strings.HasSuffix(base, ".mk"):
		return alone(makefile.Read)
	case base == "tox.ini":
		return alone(scripts.ReadTox)
	case strings.HasSuffix(base, ".sh"):
		return alone(scripts.ReadShell)
	case isWorkflow(p):
		return alone(scripts.ReadWorkflow)
	}
	return nil
}

// isOtherSetupScript recognises the other setup scripts a project may keep
// beside or instead of setup.py (setup01.py for each step of a tutorial,
// setup_hpy.py for an HPy build next to the CPython one), run by hand as
// `python setup01.py build_ext`.
func isOtherSetupScript(base string) bool {
	return base != "setup.py" && strings.HasPrefix(base, "setup") && strings.HasSuffix(base, ".py")
}

// readOtherSetupScript reads such a script as a setup.py when it declares
// extensions; a helper module that only shares the prefix (setup_utils.py)
// declares none and is not a build config, so nothing it holds is reported.
func readOtherSetupScript(p string, content []byte, files buildcfg.Files) *buildcfg.File {
	f := setuppy.ReadIn(p, content, files)
	if len(f.Extensions) == 0 && f.HPyExtModules == nil {
		return &buildcfg.File{Path: p}
	}
	return f
}

// isWorkflow recognises CI definitions whose steps run build commands.
func isWorkflow(p string) bool {
	base := path.Base(p)
	yaml := strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")
	return yaml && (strings.Contains(p, ".github/workflows/") || base == ".gitlab-ci.yml" || base == "azure-pipelines.yml" || base == ".travis.yml")
}

// IsBuildConfig reports whether a file name is one hpylint reads as a build
// config (the workspace walk and the language server use it).
func IsBuildConfig(p string) bool { return readerFor(p) != nil }

// readConfig reads one build config, turning a reader's panic into a
// problem so one odd file cannot stop the run.
func readConfig(read configReader, p string, content []byte, files buildcfg.Files) (f *buildcfg.File) {
	defer func() {
		if r := recover(); r != nil {
			f = &buildcfg.File{Path: p, Problems: []buildcfg.Problem{{Message: fmt.Sprintf("internal error while reading %s: %v", p, r)}}}
		}
	}()
	f = read(p, content, files)
	if f == nil {
		f = &buildcfg.File{}
	}
	f.Path = p
	return f
}
