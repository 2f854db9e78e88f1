package setuppy

import (
	"sort"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// fakeFiles is a project for ReadIn: contents by path; every path listed.
type fakeFiles map[string]string

func (f fakeFiles) Content(p string) ([]byte, bool) {
	c, ok := f[p]
	return []byte(c), ok
}

func (f fakeFiles) Exists(p string) bool { _, ok := f[p]; return ok }

func (f fakeFiles) List(dir string) []string {
	prefix := dir + "/"
	if dir == "" || dir == "." {
		prefix = ""
	}
	var out []string
	for p := range f {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// readIn reads the setup.py at setupPath of files and checks its spans.
func readIn(t *testing.T, setupPath string, files fakeFiles) *buildcfg.File {
	t.Helper()
	src := files[setupPath]
	f := ReadIn(setupPath, []byte(src), files)
	checkSpans(t, []byte(src), f)
	return f
}

func extByName(f *buildcfg.File, name string) *buildcfg.Extension {
	for i := range f.Extensions {
		if f.Extensions[i].Name.Value == name {
			return &f.Extensions[i]
		}
	}
	return nil
}

func allNames(f *buildcfg.File) string {
	var out []string
	for _, e := range f.Extensions {
		kind := "plain"
		if e.Kind == buildcfg.HPyExtension {
			kind = "hpy"
		}
		out = append(out, kind+":"+e.Name.Value)
	}
	return strings.Join(out, ",")
}

func TestDistutilsConfiguration(t *testing.T) {
	files := fakeFiles{
		"lib/__init__.py":       "",
		"lib/inner/__init__.py": "",
		"lib/inner/setup.py": `from os.path import join

def configuration(parent_package='', top_path=None):
    from numpy.distutils.misc_util import Configuration
    config = Configuration('inner', parent_package, top_path)
    local_dir = config.local_path
    config.add_include_dirs(join(local_dir, 'src', 'common'))
    config.numpy_include_dirs.extend(config.paths('include'))

    def generate_table_c(ext, build_dir):
        return join(build_dir, 'table.c')

    def make_api(name):
        def generate_api(ext, build_dir):
            return None
        return generate_api

    generate_api = make_api('api')
    core_src = [join('src', 'core', 'a.c'), join('src', 'core', 'loops.c.src')]
    extra = [join('src', 'core', 'made.c')]
    extra += [join('src', 'core', 'b.c')]
    config.add_hpy_extension('_inner',
                             sources=core_src + extra + [generate_table_c, generate_api, join('*.py')],
                             depends=[join('src', 'common', 'x.h')],
                             include_dirs=[join('src', 'core')])
    config.add_extension('_tests', sources=[join('src', 'tests.c')])
    for kind in ['fast', 'slow']:
        config.add_extension('_' + kind, sources=[f'src/{kind}.c'])
    return config
`,
		"lib/inner/src/core/a.c":          "",
		"lib/inner/src/core/b.c":          "",
		"lib/inner/src/core/loops.c.src":  "",
		"lib/inner/src/core/made.c.src":   "",
		"lib/inner/src/tests.c":           "",
		"lib/inner/src/fast.c":            "",
		"lib/inner/src/slow.c":            "",
		"lib/inner/src/common/x.h":        "",
		"lib/inner/include/inner/inner.h": "",
	}
	f := readIn(t, "lib/inner/setup.py", files)
	if got, want := allNames(f), "hpy:lib.inner._inner,plain:lib.inner._tests,plain:lib.inner._fast,plain:lib.inner._slow"; got != want {
		t.Fatalf("extensions = %q, want %q", got, want)
	}
	e := extByName(f, "lib.inner._inner")
	// numpy.distutils matches '*.py' too (in a real snapshot, which lists
	// no Python files, it matches nothing and is dropped).
	if got, want := names(e.Sources), "src/core/a.c,src/core/b.c,__init__.py,setup.py"; got != want {
		t.Errorf("sources = %q, want %q", got, want)
	}
	if got, want := names(e.Generated), "src/core/loops.c.src,src/core/made.c,generate_table_c(),generate_api()"; got != want {
		t.Errorf("generated = %q, want %q", got, want)
	}
	if got, want := names(e.IncludeDirs), "src/core,src/common,include"; got != want {
		t.Errorf("include dirs = %q, want %q", got, want)
	}
	if e.SourcesIncomplete != nil || len(f.Unresolved) != 0 {
		t.Errorf("incomplete = %+v, unresolved = %+v", e.SourcesIncomplete, f.Unresolved)
	}
	if got := names(extByName(f, "lib.inner._slow").Sources); got != "src/slow.c" {
		t.Errorf("loop-declared extension sources = %q", got)
	}
}

func TestConfigurationPackageName(t *testing.T) {
	tests := []struct {
		name, path, config string
		files              fakeFiles
		want               string
	}{
		{"package from __init__ files", "top/sub/setup.py", "Configuration('sub', parent_package, top_path)",
			fakeFiles{"top/sub/__init__.py": "", "top/__init__.py": ""}, "top.sub._m"},
		{"a directory without __init__ ends the package", "src/top/sub/setup.py", "Configuration('sub', parent_package, top_path)",
			fakeFiles{"src/top/sub/__init__.py": "", "src/top/__init__.py": ""}, "top.sub._m"},
		{"literal parent", "x/setup.py", "Configuration('sub', 'top', top_path)", fakeFiles{}, "top.sub._m"},
		{"root configuration", "setup.py", "Configuration(None, parent_package, top_path)", fakeFiles{}, "_m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.files[tt.path] = "def configuration(parent_package='', top_path=None):\n    config = " + tt.config + "\n    config.add_hpy_extension('_m', sources=['m.c'])\n    return config\n"
			f := readIn(t, tt.path, tt.files)
			if got := allNames(f); got != "hpy:"+tt.want {
				t.Errorf("extensions = %q, want hpy:%s", got, tt.want)
			}
		})
	}
}

func TestGlobAgainstProjectFiles(t *testing.T) {
	files := fakeFiles{
		"pkg/setup.py": `import glob
from glob import glob as g
from pathlib import Path
from setuptools import setup, Extension
setup(hpy_ext_modules=[
    Extension('a._one', sources=glob.glob('src/*.c')),
    Extension('a._two', sources=[str(p) for p in Path('lib').glob('*.c')] + g('deep/**/*.cc', recursive=True)),
    Extension('a._three', sources=g('gen/*.c') + ['x.c']),
])
`,
		"pkg/src/a.c":          "",
		"pkg/src/b.c":          "",
		"pkg/src/b.h":          "",
		"pkg/src/.hidden.c":    "",
		"pkg/src/sub/c.c":      "",
		"pkg/lib/l.c":          "",
		"pkg/deep/d.cc":        "",
		"pkg/deep/er/e.cc":     "",
		"other/src/not_ours.c": "",
	}
	f := readIn(t, "pkg/setup.py", files)
	for name, want := range map[string]string{
		"a._one":   "src/a.c,src/b.c",
		"a._two":   "lib/l.c,deep/d.cc,deep/er/e.cc",
		"a._three": "x.c",
	} {
		e := extByName(f, name)
		if e == nil {
			t.Fatalf("no extension %s in %s", name, allNames(f))
		}
		if got := names(e.Sources); got != want {
			t.Errorf("%s: sources = %q, want %q", name, got, want)
		}
	}
	src := files["pkg/setup.py"]
	if got := unresolvedTexts(src, f); strings.Join(got, "|") != "g('gen/*.c')" {
		t.Errorf("unresolved = %q", got)
	}
	if u := extByName(f, "a._three").SourcesIncomplete; u == nil || at(src, u.Span) != "g('gen/*.c')" {
		t.Errorf("SourcesIncomplete = %+v", u)
	}
	if extByName(f, "a._one").SourcesIncomplete != nil {
		t.Error("a complete glob marks the extension incomplete")
	}
	// Without the project's files, a glob stays unknown.
	if g := Read("pkg/setup.py", []byte(src)); len(g.Unresolved) != 4 {
		t.Errorf("without files: unresolved = %+v", g.Unresolved)
	}
}

func TestLocalModules(t *testing.T) {
	files := fakeFiles{
		"setup.py": `from setuptools import setup
from _build_helpers import make_extensions, COMMON_SOURCES as COMMON
import buildtools
setup(hpy_ext_modules=list(make_extensions('fast')) + [buildtools.one('z', COMMON)],
      ext_modules=buildtools.PLAIN + [helper_gone()])
`,
		"_build_helpers.py": `import os
from setuptools import Extension

COMMON_SOURCES = ['src/common.c']
NAMES = ['x', 'y']

def make_extensions(flavour):
    for name in NAMES:
        yield Extension('pkg._' + name, [os.path.join('src', name + '_' + flavour + '.c')] + COMMON_SOURCES)
`,
		"buildtools/__init__.py": `from setuptools import Extension
import glob

PLAIN = [Extension('pkg.plain', glob.glob('plain/*.c'))]

def one(name, common):
    return Extension('pkg.' + name, ['src/' + name + '.c'] + common + unknown_sources())
`,
		"plain/p.c": "",
	}
	f := readIn(t, "setup.py", files)
	if got, want := allNames(f), "hpy:pkg._x,hpy:pkg._y,hpy:pkg.z,plain:pkg.plain"; got != want {
		t.Fatalf("extensions = %q, want %q", got, want)
	}
	src := files["setup.py"]
	for name, want := range map[string]string{
		"pkg._x":    "src/x_fast.c,src/common.c",
		"pkg._y":    "src/y_fast.c,src/common.c",
		"pkg.z":     "src/z.c,src/common.c",
		"pkg.plain": "plain/p.c",
	} {
		e := extByName(f, name)
		if got := names(e.Sources); got != want {
			t.Errorf("%s: sources = %q, want %q", name, got, want)
		}
		// What a local module declares is anchored to the expression of
		// setup.py that brings it in.
		for _, s := range append([]buildcfg.StringValue{e.Name}, e.Sources...) {
			if a := at(src, s.Span); !strings.HasPrefix(a, "make_extensions(") && !strings.HasPrefix(a, "buildtools.") {
				t.Errorf("%s: %q points at %q", name, s.Value, a)
			}
		}
	}
	z := extByName(f, "pkg.z")
	if z.SourcesIncomplete == nil || !strings.Contains(z.SourcesIncomplete.What, "__init__.py") {
		t.Errorf("pkg.z: SourcesIncomplete = %+v", z.SourcesIncomplete)
	}
	got := unresolvedTexts(src, f)
	if strings.Join(got, "|") != "buildtools.one('z', COMMON)|helper_gone()" {
		t.Errorf("unresolved = %q\n%+v", got, f.Unresolved)
	}
}

func TestModuleImportCycleAndMissing(t *testing.T) {
	files := fakeFiles{
		"setup.py": "from setuptools import setup\nfrom a import exts\nfrom missing import more\nsetup(hpy_ext_modules=exts() + more())\n",
		"a.py":     "from b import exts2\ndef exts():\n    return exts2()\n",
		"b.py":     "from a import exts\ndef exts2():\n    return exts()\n",
	}
	f := readIn(t, "setup.py", files)
	if len(f.Extensions) != 0 || len(f.Unresolved) != 2 {
		t.Errorf("extensions = %+v, unresolved = %+v", f.Extensions, f.Unresolved)
	}
}

func TestBuildExtMovesToHPy(t *testing.T) {
	src := `from setuptools import setup, Extension
from setuptools.command.build_ext import build_ext

class build_hpy_ext(build_ext):
    def finalize_options(self):
        super().finalize_options()
        exts = self.distribution.ext_modules
        self.distribution.hpy_ext_modules = [e for e in exts if e.name.startswith(('pkg._hpy', 'pkg.h_'))]
        self.distribution.ext_modules = [e for e in exts if not e.name.startswith('pkg._hpy')]

setup(cmdclass={'build_ext': build_hpy_ext}, ext_modules=[
    Extension('pkg._hpy_core', ['core.c']),
    Extension('pkg.h_util', ['util.c']),
    Extension('pkg._speedups', ['speedups.c']),
])
`
	f := read(t, src)
	if got, want := allNames(f), "hpy:pkg._hpy_core,hpy:pkg.h_util,plain:pkg._speedups"; got != want {
		t.Errorf("extensions = %q, want %q", got, want)
	}
	if f.HPyExtModules == nil || at(src, *f.HPyExtModules) != "self.distribution.hpy_ext_modules" {
		t.Errorf("HPyExtModules = %+v", f.HPyExtModules)
	}
	for _, tt := range []struct{ filter, hpy string }{
		{"e.name == 'pkg.h_util'", "pkg.h_util"},
		{"e.name in ['pkg._speedups', 'pkg.h_util']", "pkg.h_util,pkg._speedups"},
		{"'_hpy' in e.name", "pkg._hpy_core"},
		{"e.name.endswith('_util')", "pkg.h_util"},
	} {
		s := strings.Replace(src, "e.name.startswith(('pkg._hpy', 'pkg.h_'))", tt.filter, 1)
		if got := extNames(read(t, s), buildcfg.HPyExtension); got != tt.hpy {
			t.Errorf("%s: HPy extensions = %q, want %q", tt.filter, got, tt.hpy)
		}
	}
	s := strings.Replace(src, "e.name.startswith(('pkg._hpy', 'pkg.h_'))", "is_hpy(e)", 1)
	g := read(t, s)
	if extNames(g, buildcfg.HPyExtension) != "" || len(g.Unresolved) != 1 {
		t.Errorf("a filter not followed: %q, %+v", extNames(g, buildcfg.HPyExtension), g.Unresolved)
	}
}
