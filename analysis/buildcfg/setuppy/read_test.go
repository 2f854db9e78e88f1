package setuppy

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// read parses src and checks the invariants every result must hold: spans
// inside the content, one Problem at most.
func read(t *testing.T, src string) *buildcfg.File {
	t.Helper()
	f := Read("proj/setup.py", []byte(src))
	checkSpans(t, []byte(src), f)
	return f
}

func at(src string, s source.Span) string {
	if s.Start < 0 || s.End > len(src) || s.Start > s.End {
		return "<bad span>"
	}
	return src[s.Start:s.End]
}

func names(vs []buildcfg.StringValue) string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Value)
	}
	return strings.Join(out, ",")
}

func literals(src string, vs []buildcfg.StringValue) string {
	var out []string
	for _, v := range vs {
		out = append(out, at(src, v.Span))
	}
	return strings.Join(out, " | ")
}

func extNames(f *buildcfg.File, kind buildcfg.ExtensionKind) string {
	var out []string
	for _, e := range f.Extensions {
		if e.Kind == kind {
			out = append(out, e.Name.Value)
		}
	}
	return strings.Join(out, ",")
}

func unresolvedTexts(src string, f *buildcfg.File) []string {
	var out []string
	for _, u := range f.Unresolved {
		out = append(out, at(src, u.Span))
	}
	return out
}

func TestSetupCalls(t *testing.T) {
	tests := []struct {
		name, src string
		hpy       string // names of the HPy extensions found
	}{
		{"plain setup", `
from setuptools import setup, Extension
setup(hpy_ext_modules=[Extension('a._m', ['m.c'])])
`, "a._m"},
		{"setuptools.setup", `
import setuptools
setuptools.setup(hpy_ext_modules=[setuptools.Extension('a._m', ['m.c'])])
`, "a._m"},
		{"module alias", `
import setuptools as st
st.setup(hpy_ext_modules=[st.Extension('a._m', ['m.c'])])
`, "a._m"},
		{"function alias", `
from setuptools import setup as do_setup, Extension as Ext
do_setup(hpy_ext_modules=[Ext('a._m', ['m.c'])])
`, "a._m"},
		{"distutils.core", `
import distutils.core
distutils.core.setup(hpy_ext_modules=[distutils.core.Extension('a._m', ['m.c'])])
`, "a._m"},
		{"under __main__ guard", `
from setuptools import setup, Extension
if __name__ == "__main__":
    setup(hpy_ext_modules=[Extension('a._m', ['m.c'])])
`, "a._m"},
		{"inside called main", `
from setuptools import setup, Extension
def main():
    ext = Extension('a._m', ['m.c'])
    setup(hpy_ext_modules=[ext])
if __name__ == "__main__":
    main()
`, "a._m"},
		{"through two called functions", `
from setuptools import setup, Extension
def run(exts):
    setup(hpy_ext_modules=EXTS)
def main():
    run(None)
EXTS = [Extension('a._m', ['m.c'])]
main()
`, "a._m"},
		{"inside try", `
from setuptools import setup, Extension
try:
    setup(hpy_ext_modules=[Extension('a._m', ['m.c'])])
except SystemExit:
    raise
`, "a._m"},
		{"two setup calls share an extension", `
from setuptools import setup, Extension
ext = Extension('a._m', ['m.c'])
try:
    setup(hpy_ext_modules=[ext])
except Exception:
    setup(hpy_ext_modules=[ext, Extension('a._fallback', ['f.c'])])
`, "a._m,a._fallback"},
		// Negative cases.
		{"function never called", `
from setuptools import setup, Extension
def main():
    setup(hpy_ext_modules=[Extension('a._m', ['m.c'])])
`, ""},
		{"method of a class", `
from setuptools import setup, Extension
class Builder:
    def run(self):
        setup(hpy_ext_modules=[Extension('a._m', ['m.c'])])
Builder().run()
`, ""},
		{"setup of another object", `
from setuptools import Extension
app.setup(hpy_ext_modules=[Extension('a._m', ['m.c'])])
`, ""},
		{"Extension never passed to setup", `
from setuptools import setup, Extension
unused = Extension('a._m', sources=glob.glob('*.c'))
setup(name='x')
`, ""},
		{"empty file", ``, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := read(t, tt.src)
			if got := extNames(f, buildcfg.HPyExtension); got != tt.hpy {
				t.Errorf("HPy extensions = %q, want %q", got, tt.hpy)
			}
			if tt.hpy == "" && len(f.Unresolved) != 0 {
				t.Errorf("unexpected unresolved: %+v", f.Unresolved)
			}
		})
	}
}

func TestExtensionFields(t *testing.T) {
	src := `
from setuptools import setup, Extension
setup(
    hpy_ext_modules=[
        Extension('pkg._mod',
                  sources=['pkg/mod.c', "pkg/util.c"],
                  libraries=['m', 'z'],
                  include_dirs=['include'],
                  define_macros=[('NDEBUG', None), ('HPY_ABI_UNIVERSAL', 1)],
                  extra_compile_args=['-O3', '-DWITH_X=1', '-D', 'SPLIT', '/DMSVC_FLAG'],
                  py_limited_api=True),
    ],
    ext_modules=[Extension(name="pkg._plain", sources=["plain.c"], py_limited_api=False)],
)
`
	f := read(t, src)
	if len(f.Extensions) != 2 {
		t.Fatalf("got %d extensions, want 2: %+v", len(f.Extensions), f.Extensions)
	}
	e := f.Extensions[0]
	if e.Kind != buildcfg.HPyExtension || e.Name.Value != "pkg._mod" || at(src, e.Name.Span) != `'pkg._mod'` {
		t.Errorf("name = %q %q kind %d", e.Name.Value, at(src, e.Name.Span), e.Kind)
	}
	if d := at(src, e.Decl); !strings.HasPrefix(d, "Extension('pkg._mod'") || !strings.HasSuffix(d, "py_limited_api=True)") {
		t.Errorf("decl = %q", d)
	}
	if got := literals(src, e.Sources); got != `'pkg/mod.c' | "pkg/util.c"` {
		t.Errorf("sources = %s", got)
	}
	if names(e.Sources) != "pkg/mod.c,pkg/util.c" || names(e.Libraries) != "m,z" || names(e.IncludeDirs) != "include" {
		t.Errorf("sources %q libraries %q include_dirs %q", names(e.Sources), names(e.Libraries), names(e.IncludeDirs))
	}
	if got := names(e.Defines); got != "NDEBUG,HPY_ABI_UNIVERSAL,WITH_X,SPLIT,MSVC_FLAG" {
		t.Errorf("defines = %q", got)
	}
	if got := literals(src, e.Defines); got != `'NDEBUG' | 'HPY_ABI_UNIVERSAL' | '-DWITH_X=1' | 'SPLIT' | '/DMSVC_FLAG'` {
		t.Errorf("define spans = %s", got)
	}
	if e.PyLimitedAPI == nil || at(src, e.PyLimitedAPI.Span) != "py_limited_api=True" {
		t.Errorf("py_limited_api = %+v", e.PyLimitedAPI)
	}
	if e.ABI == nil || e.ABI.ABI != buildcfg.ABIUniversal || at(src, e.ABI.Span) != `'HPY_ABI_UNIVERSAL'` {
		t.Errorf("extension ABI = %+v", e.ABI)
	}
	p := f.Extensions[1]
	if p.Kind != buildcfg.PlainExtension || at(src, p.Name.Span) != `"pkg._plain"` || p.PyLimitedAPI != nil || p.ABI != nil {
		t.Errorf("plain extension = %+v", p)
	}
	if f.HPyExtModules == nil || !strings.HasPrefix(at(src, *f.HPyExtModules), "hpy_ext_modules=[") || !strings.HasSuffix(at(src, *f.HPyExtModules), "]") {
		t.Errorf("HPyExtModules = %v", f.HPyExtModules)
	}
	if len(f.Unresolved) != 0 {
		t.Errorf("unexpected unresolved: %+v", f.Unresolved)
	}
}

func TestForeignExtensionClasses(t *testing.T) {
	src := `
from setuptools import setup
from pybind11.setup_helpers import Pybind11Extension
from torch.utils.cpp_extension import CUDAExtension
setup(ext_modules=[Pybind11Extension('a', ['a.cpp']), CUDAExtension('b', ['b.cu'])])
`
	f := read(t, src)
	if len(f.Extensions) != 0 || len(f.Unresolved) != 0 || f.HPyExtModules != nil {
		t.Errorf("extensions %+v unresolved %+v", f.Extensions, f.Unresolved)
	}
}

func TestResolution(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		sources    string   // sources of the first HPy extension
		exts       string   // all HPy extension names
		unresolved []string // text of each Unresolved span
	}{
		{"extension bound to a name", `
module1 = Extension('a._m', sources=['m.c'])
setup(hpy_ext_modules=[module1])
`, "m.c", "a._m", nil},
		{"list bound to a name", `
a = Extension('a._a', ['a.c'])
b = Extension('a._b', ['b.c'])
exts = [a, b]
setup(hpy_ext_modules=exts)
`, "a.c", "a._a,a._b", nil},
		{"list concatenation", `
a = Extension('a._a', ['a.c'])
base = [a]
setup(hpy_ext_modules=base + [Extension('a._b', ['b.c'])])
`, "a.c", "a._a,a._b", nil},
		{"append, extend, += and insert", `
exts = []
exts.append(Extension('a._a', ['a.c']))
exts.extend([Extension('a._b', ['b.c'])])
exts += [Extension('a._c', ['c.c'])]
exts.insert(0, Extension('a._d', ['d.c']))
setup(hpy_ext_modules=exts)
`, "a.c", "a._a,a._b,a._c,a._d", nil},
		{"sources bound to a list of literals", `
SRCS = ['src/a.c', 'src/b.c']
setup(hpy_ext_modules=[Extension('a._m', sources=SRCS)])
`, "src/a.c,src/b.c", "a._m", nil},
		{"list splat and tuple", `
SRCS = ('src/a.c',)
setup(hpy_ext_modules=[Extension('a._m', sources=[*SRCS, 'src/b.c'])])
`, "src/a.c,src/b.c", "a._m", nil},
		{"path joins and string concatenation", `
import os
from os.path import join as pjoin
ROOT = 'src'
setup(hpy_ext_modules=[Extension('a._m', sources=[os.path.join(ROOT, 'x', 'a.c'), pjoin('src/', 'b.c'), ROOT + '/' + 'c.c', 'd' '.c'])])
`, "src/x/a.c,src/b.c,src/c.c,d.c", "a._m", nil},
		{"rebinding uses the binding before the use", `
SRCS = ['a.c']
ext = Extension('a._m', SRCS)
SRCS = ['b.c']
SRCS = SRCS + ['c.c']
ext2 = Extension('a._n', SRCS)
setup(hpy_ext_modules=[ext, ext2])
`, "a.c", "a._m,a._n", nil},
		{"sources assigned in each branch of an if: either may be built", `
import sys
if sys.platform == 'win32':
    SRCS = ['win.c']
elif sys.platform == 'darwin':
    SRCS = ['mac.c']
else:
    SRCS = ['posix.c']
setup(hpy_ext_modules=[Extension('a._m', SRCS)])
`, "win.c,mac.c,posix.c", "a._m", nil},
		{"a branch that may not run keeps the binding before it", `
import os
SRCS = ['a.c']
if os.environ.get('WITH_B'):
    SRCS = ['b.c']
setup(hpy_ext_modules=[Extension('a._m', SRCS)])
`, "a.c,b.c", "a._m", nil},
		{"rebinding within one branch replaces", `
import os
if os.environ.get('WITH_B'):
    SRCS = ['a.c']
    SRCS = ['b.c']
setup(hpy_ext_modules=[Extension('a._m', SRCS)])
`, "b.c", "a._m", nil},
		{"a name whose branches disagree on a string", `
import os
if os.environ.get('OTHER'):
    NAME = 'a._n'
else:
    NAME = 'a._m'
setup(hpy_ext_modules=[Extension(NAME, ['m.c'])])
`, "m.c", "", []string{"NAME = 'a._m'"}},
		{"tuple assignment", `
name, srcs = 'a._m', ['m.c']
setup(hpy_ext_modules=[Extension(name, srcs)])
`, "m.c", "a._m", nil},
		{"helper function with one return", `
def get_extensions():
    srcs = ['m.c']
    return [Extension('a._m', sources=srcs)]
setup(hpy_ext_modules=get_extensions())
`, "m.c", "a._m", nil},
		{"setup(**kwargs) from a dict literal", `
kwargs = {'hpy_ext_modules': [Extension('a._m', ['m.c'])]}
setup(name='x', **kwargs)
`, "m.c", "a._m", nil},
		{"glob", `
import glob
setup(hpy_ext_modules=[Extension('a._m', sources=['m.c'] + glob.glob('src/*.c'))])
`, "m.c", "a._m", []string{"glob.glob('src/*.c')"}},
		{"glob through a name, reported once", `
from glob import glob
SRCS = sorted(glob('src/*.c'))
setup(hpy_ext_modules=[Extension('a._a', sources=SRCS), Extension('a._b', sources=SRCS)])
`, "", "a._a,a._b", []string{"glob('src/*.c')"}},
		{"list comprehension over an unknown list", `
setup(hpy_ext_modules=[Extension(n, [n + '.c']) for n in NAMES])
`, "", "", []string{"NAMES"}},
		{"list comprehension over a literal list", `
NAMES = ['a._x', 'a._y']
setup(hpy_ext_modules=[Extension(n, [n[2:] + '.c', 'common.c']) for n in NAMES])
`, "common.c", "a._x,a._y", []string{"n[2:]"}},
		{"comprehension with tuple targets and an f-string", `
MODS = [('x', 'fast'), ('y', 'slow')]
setup(hpy_ext_modules=[Extension(f'a._{m}', sources=[f'src/{m}_{kind}.c']) for m, kind in MODS])
`, "src/x_fast.c", "a._x,a._y", nil},
		{"comprehension with a condition stays unknown", `
setup(hpy_ext_modules=[Extension(n, [n + '.c']) for n in ['x', 'y'] if n != 'y'])
`, "", "", []string{"[Extension(n, [n + '.c']) for n in ['x', 'y'] if n != 'y']"}},
		{"loop-built list", `
exts = [Extension('a._first', ['first.c'])]
for n in ['x', 'y']:
    exts.append(Extension('a.' + n, [n + '.c']))
setup(hpy_ext_modules=exts)
`, "first.c", "a._first,a.x,a.y", nil},
		{"sources appended in nested loops over names", `
LIBS = ('decode', 'encode')
DIRS = ['one', 'two']
files = ['src/main.c']
for d in DIRS:
    for lib in LIBS:
        files.append(os.path.join('src', d, lib + '.c'))
setup(hpy_ext_modules=[Extension('a._m', files)])
`, "src/main.c,src/one/decode.c,src/one/encode.c,src/two/decode.c,src/two/encode.c", "a._m", nil},
		{"a loop over an unknown list keeps the literal part", `
files = ['src/main.c']
for lib in find_libs():
    files.append('src/' + lib + '.c')
setup(hpy_ext_modules=[Extension('a._m', files)])
`, "src/main.c", "a._m", []string{"find_libs()"}},
		{"a while loop is not unrolled", `
files = ['src/main.c']
while more():
    files.append('src/x.c')
setup(hpy_ext_modules=[Extension('a._m', files)])
`, "src/main.c", "a._m", []string{"files.append('src/x.c')"}},
		{"generator function", `
def extensions():
    for n in ['x', 'y']:
        yield Extension(n, [n + '.c'])
    yield from [Extension('z', ['z.c'])]
setup(hpy_ext_modules=list(extensions()))
`, "x.c", "x,y,z", nil},
		{"helper called with literal arguments", `
def make(name, *srcs, prefix='src/'):
    return Extension('a.' + name, [prefix + name + '.c'])
setup(hpy_ext_modules=[make('one'), make('two', prefix='lib/')])
`, "src/one.c", "a.one,a.two", nil},
		{"%-format", `
setup(hpy_ext_modules=[Extension('a._m', sources=['src/%s.c' % 'm', '%s/%s.c' % ('lib', 'n')])])
`, "src/m.c,lib/n.c", "a._m", nil},
		{"dirname of __file__ is the build directory", `
import os
from os.path import dirname, abspath, join
from pathlib import Path
HERE = os.path.abspath(os.path.dirname(__file__))
setup(hpy_ext_modules=[Extension('a._m', sources=[os.path.join(HERE, 'src', 'm.c'), join(dirname(__file__), 'n.c'), str(Path(__file__).parent / 'o.c')])])
`, "src/m.c,n.c", "a._m", []string{"Path(__file__).parent / 'o.c'"}},
		{"undefined name", `
setup(hpy_ext_modules=[Extension('a._m', sources=MISSING_SOURCES)])
`, "", "a._m", []string{"MISSING_SOURCES"}},
		{"imported name", `
from mybuild import SOURCES
setup(hpy_ext_modules=[Extension('a._m', sources=SOURCES)])
`, "", "a._m", []string{"SOURCES"}},
		{"f-string and format", `
V = '1'
setup(hpy_ext_modules=[Extension('a._m', sources=[f'src/v{V}.c', 'src/{}.c'.format(V), f'{V!r}.c', 'ok.c'])])
`, "src/v1.c,ok.c", "a._m", []string{"'src/{}.c'.format(V)", "f'{V!r}.c'"}},
		{"function parameter", `
def build(srcs):
    setup(hpy_ext_modules=[Extension('a._m', sources=srcs)])
build(['m.c'])
`, "", "a._m", []string{"srcs"}},
		{"Extension keywords through **kw", `
common = dict(include_dirs=['inc'])
setup(hpy_ext_modules=[Extension('a._m', sources=['m.c'], **common)])
`, "m.c", "a._m", []string{"**common"}},
		{"non-Extension call in hpy_ext_modules", `
setup(hpy_ext_modules=cythonize(['a.pyx']))
`, "", "", []string{"cythonize(['a.pyx'])"}},
		{"setup(**kwargs) that cannot be followed", `
setup(**load_config())
`, "", "", []string{"load_config()"}},
		{"self-referencing name does not loop", `
x = x + ['a.c']
setup(hpy_ext_modules=[Extension('a._m', x)])
`, "a.c", "a._m", []string{"x"}},
		{"recursive helper does not loop", `
def exts():
    return exts()
setup(hpy_ext_modules=exts())
`, "", "", []string{"exts()"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "from setuptools import setup, Extension\n" + tt.src
			f := read(t, src)
			if got := extNames(f, buildcfg.HPyExtension); got != tt.exts {
				t.Errorf("extensions = %q, want %q", got, tt.exts)
			}
			if len(f.Extensions) > 0 {
				if got := names(f.Extensions[0].Sources); got != tt.sources {
					t.Errorf("sources = %q, want %q", got, tt.sources)
				}
			}
			got := unresolvedTexts(src, f)
			if strings.Join(got, "\n") != strings.Join(tt.unresolved, "\n") {
				t.Errorf("unresolved spans = %q, want %q\n%+v", got, tt.unresolved, f.Unresolved)
			}
			for _, u := range f.Unresolved {
				if !strings.Contains(u.What, "(") || len(u.What) > 200 {
					t.Errorf("unhelpful What: %q", u.What)
				}
			}
		})
	}
}

func TestUnresolvedWhat(t *testing.T) {
	src := `import glob
from setuptools import setup, Extension
SRCS = glob.glob('lib/*.c')
setup(hpy_ext_modules=[Extension('a._m', sources=glob.glob('src/*.c')), Extension('a._n', sources=SRCS)])
`
	f := read(t, src)
	want := []string{
		"sources=glob.glob('src/*.c') (a glob is evaluated at build time)",
		"sources=SRCS: glob.glob('lib/*.c') (a glob is evaluated at build time)",
	}
	if len(f.Unresolved) != len(want) {
		t.Fatalf("unresolved = %+v", f.Unresolved)
	}
	for i, u := range f.Unresolved {
		if u.What != want[i] {
			t.Errorf("What = %q, want %q", u.What, want[i])
		}
	}
}

func TestSetupRequires(t *testing.T) {
	tests := []struct {
		name, list string
		entries    string // normalised names
		spans      string // entry literals
		edited     string // the list with "hpy" inserted
	}{
		{"specifiers, extras, markers", `['hpy>=0.9', 'HPy[dev]', "cffi ; python_version<'4'", 'Zope.Interface==5', 'wheel']`,
			"hpy,hpy,cffi,zope-interface,wheel", `'hpy>=0.9'|'HPy[dev]'|"cffi ; python_version<'4'"|'Zope.Interface==5'|'wheel'`,
			`['hpy>=0.9', 'HPy[dev]', "cffi ; python_version<'4'", 'Zope.Interface==5', 'wheel', 'hpy']`},
		{"trailing comma", `['cffi',]`, "cffi", `'cffi'`, `['cffi', 'hpy',]`},
		{"double quotes", `["cffi"]`, "cffi", `"cffi"`, `["cffi", "hpy"]`},
		{"empty list", `[]`, "", "", `["hpy"]`},
		{"empty list with blanks", `[ ]`, "", "", `[ "hpy"]`},
		{"multi-line with comment", "[\n    'cffi',  # for the CPython build\n]", "cffi", `'cffi'`, "[\n    'cffi', 'hpy',  # for the CPython build\n]"},
		{"tuple", `('cffi',)`, "cffi", `'cffi'`, `('cffi', 'hpy',)`},
		{"empty tuple", `()`, "", "", `("hpy",)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "from setuptools import setup\nsetup(name='x', setup_requires=" + tt.list + ")\n"
			f := read(t, src)
			rl := f.SetupRequires
			if rl == nil {
				t.Fatal("no SetupRequires")
			}
			if at(src, rl.Span) != tt.list {
				t.Errorf("span = %q", at(src, rl.Span))
			}
			var ns, ss []string
			for _, e := range rl.Entries {
				ns = append(ns, e.Name)
				ss = append(ss, at(src, e.Span))
			}
			if strings.Join(ns, ",") != tt.entries || strings.Join(ss, "|") != tt.spans {
				t.Errorf("entries = %q spans %q", ns, ss)
			}
			edited := src[rl.Span.Start:rl.InsertAt] + strings.ReplaceAll(rl.InsertText, "NAME", "hpy") + src[rl.InsertAt:rl.Span.End]
			if edited != tt.edited {
				t.Errorf("after insertion: %s, want %s", edited, tt.edited)
			}
			if tt.entries != "" && !rl.Has(strings.Split(tt.entries, ",")[0]) {
				t.Errorf("Has(%q) is false", strings.Split(tt.entries, ",")[0])
			}
		})
	}

	t.Run("bound to a name", func(t *testing.T) {
		src := "from setuptools import setup\nREQS = ['hpy']\nsetup(setup_requires=REQS)\n"
		rl := read(t, src).SetupRequires
		if rl == nil || at(src, rl.Span) != "['hpy']" || !rl.Has("hpy") || rl.InsertAt != strings.Index(src, "']")+1 {
			t.Errorf("got %+v", rl)
		}
	})
	t.Run("computed list: entries but no insertion point", func(t *testing.T) {
		src := "from setuptools import setup\nsetup(setup_requires=list(BASE) + get_more())\n"
		f := read(t, src)
		if f.SetupRequires != nil {
			if f.SetupRequires.InsertAt != -1 {
				t.Errorf("got %+v", f.SetupRequires)
			}
		}
		if len(f.Unresolved) == 0 {
			t.Error("no Unresolved for a computed setup_requires")
		}
	})
	t.Run("absent", func(t *testing.T) {
		if rl := read(t, "from setuptools import setup\nsetup(name='x')\n").SetupRequires; rl != nil {
			t.Errorf("got %+v", rl)
		}
	})
}

func TestProjectName(t *testing.T) {
	src := "from setuptools import setup\nNAME = 'my-proj'\nsetup(name=NAME, version='1')\n"
	f := read(t, src)
	if f.ProjectName == nil || f.ProjectName.Value != "my-proj" || at(src, f.ProjectName.Span) != "'my-proj'" {
		t.Errorf("project name = %+v", f.ProjectName)
	}
	if f := read(t, "from setuptools import setup\nsetup(name=compute())\n"); f.ProjectName != nil {
		t.Errorf("computed name read as %+v", f.ProjectName)
	}
}

func TestABI(t *testing.T) {
	type want struct {
		abi     buildcfg.ABI
		dynamic bool
		span    string
	}
	tests := []struct {
		name, src string
		want      []want
	}{
		{"hpy_abi keyword", `setup(hpy_abi='universal')`,
			[]want{{buildcfg.ABIUniversal, false, `'universal'`}}},
		{"hpy_abi through a module constant", "HPY_ABI = 'hybrid'\nsetup(hpy_abi=HPY_ABI)",
			[]want{{buildcfg.ABIHybrid, false, `'hybrid'`}}},
		{"conditional expression", "import platform\nsetup(hpy_abi='cpython' if platform.python_implementation() == 'CPython' else 'universal')",
			[]want{{buildcfg.ABIUniversal, true, `'cpython' if platform.python_implementation() == 'CPython' else 'universal'`}}},
		{"constant reassigned under a condition", "DEFAULT_HPY_ABI = 'universal'\nif sys.implementation.name == 'cpython':\n    DEFAULT_HPY_ABI = 'cpython'\nsetup(hpy_abi=DEFAULT_HPY_ABI)",
			[]want{{buildcfg.ABIUniversal, true, `DEFAULT_HPY_ABI`}}},
		{"options dict", `setup(options={'build_ext': {'hpy_abi': 'universal'}})`,
			[]want{{buildcfg.ABIUniversal, false, `'universal'`}}},
		{"sys.argv.insert", `sys.argv.insert(1, '--hpy-abi=universal')` + "\nsetup()",
			[]want{{buildcfg.ABIUniversal, false, `'--hpy-abi=universal'`}}},
		{"sys.argv +=", `sys.argv += ['--hpy-abi=hybrid']` + "\nsetup()",
			[]want{{buildcfg.ABIHybrid, false, `'--hpy-abi=hybrid'`}}},
		{"sys.argv slice assignment", `sys.argv[1:1] = ['build_ext', '--hpy-abi=universal']` + "\nsetup()",
			[]want{{buildcfg.ABIUniversal, false, `'--hpy-abi=universal'`}}},
		{"sys.argv rebuilt", `sys.argv = sys.argv[:1] + ['--hpy-abi=universal'] + sys.argv[1:]` + "\nsetup()",
			[]want{{buildcfg.ABIUniversal, false, `'--hpy-abi=universal'`}}},
		{"sys.argv.extend with a separate value", `sys.argv.extend(['--hpy-abi', 'universal'])` + "\nsetup()",
			[]want{{buildcfg.ABIUniversal, false, `'universal'`}}},
		{"argv imported by name", "from sys import argv\nargv.append('--hpy-abi=universal')\nsetup()",
			[]want{{buildcfg.ABIUniversal, false, `'--hpy-abi=universal'`}}},
		{"flag built from a constant", "HPY_ABI = 'universal'\nsys.argv.insert(1, '--hpy-abi=' + HPY_ABI)\nsetup()",
			[]want{{buildcfg.ABIUniversal, false, `'universal'`}}},
		{"flag built with an f-string from a conditional", "ABI = 'cpython' if IS_CPYTHON else 'universal'\nsys.argv.append(f'--hpy-abi={ABI}')\nsetup()",
			[]want{{buildcfg.ABIUniversal, true, `'cpython' if IS_CPYTHON else 'universal'`}}},
		{"argv list bound to a name", "ABI_ARGS = ['--hpy-abi=universal']\nsys.argv += ABI_ARGS\nsetup()",
			[]want{{buildcfg.ABIUniversal, false, `'--hpy-abi=universal'`}}},
		{"cpython is recorded as cpython", `sys.argv.insert(1, '--hpy-abi=cpython')` + "\nsetup()",
			[]want{{buildcfg.ABICPython, false, `'--hpy-abi=cpython'`}}},
		{"hpy.devel default patched", "import hpy.devel\nhpy.devel.DEFAULT_HPY_ABI = 'universal'\nsetup()",
			[]want{{buildcfg.ABIUniversal, false, `'universal'`}}},
		{"inside main()", "def main():\n    sys.argv.insert(1, '--hpy-abi=universal')\n    setup()\nmain()",
			[]want{{buildcfg.ABIUniversal, false, `'--hpy-abi=universal'`}}},
		// Negative cases.
		{"unused constant", "HPY_ABI = 'universal'\nsetup()", nil},
		{"unrelated argv", "sys.argv.insert(1, 'build_ext')\nsys.argv += ['--inplace']\nsetup()", nil},
		{"not an ABI", "setup(hpy_abi='fast')", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "import sys\nfrom setuptools import setup, Extension\n" + tt.src + "\n"
			f := read(t, src)
			if len(f.ABI) != len(tt.want) {
				t.Fatalf("ABI = %+v, want %+v", f.ABI, tt.want)
			}
			for i, w := range tt.want {
				g := f.ABI[i]
				if g.ABI != w.abi || g.Dynamic != w.dynamic || at(src, g.Span) != w.span || g.Text != w.span {
					t.Errorf("ABI[%d] = %+v (%q), want %+v", i, g, at(src, g.Span), w)
				}
			}
			if len(f.Unresolved) != 0 {
				t.Errorf("unexpected unresolved %+v", f.Unresolved)
			}
		})
	}

	t.Run("computed hpy_abi is unresolved", func(t *testing.T) {
		src := "import os\nfrom setuptools import setup\nsetup(hpy_abi=os.environ.get('HPY_ABI', 'universal'))\n"
		f := read(t, src)
		if len(f.ABI) != 0 || len(f.Unresolved) != 1 || at(src, f.Unresolved[0].Span) != "os.environ.get('HPY_ABI', 'universal')" {
			t.Errorf("ABI %+v unresolved %+v", f.ABI, f.Unresolved)
		}
	})
	t.Run("hpy_abi on the Extension", func(t *testing.T) {
		src := "from setuptools import setup, Extension\nsetup(hpy_ext_modules=[Extension('a', ['a.c'], hpy_abi='universal')])\n"
		f := read(t, src)
		if len(f.ABI) != 0 || len(f.Extensions) != 1 || f.Extensions[0].ABI == nil || at(src, f.Extensions[0].ABI.Span) != "'universal'" {
			t.Errorf("ABI %+v extensions %+v", f.ABI, f.Extensions)
		}
	})
}

func TestComments(t *testing.T) {
	src := "# top\nfrom setuptools import setup  # hpylint: disable=HPY405\nsetup(\n    name='x',  # the name\n)\n"
	f := read(t, src)
	var got []string
	for _, c := range f.Comments {
		if at(src, c.Span) != c.Text {
			t.Errorf("comment text %q differs from its span %q", c.Text, at(src, c.Span))
		}
		got = append(got, c.Text)
	}
	if strings.Join(got, "|") != "# top|# hpylint: disable=HPY405|# the name" {
		t.Errorf("comments = %q", got)
	}
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      string
		hpy       string
	}{
		{"unclosed call before setup", `from setuptools import setup, Extension
ext = Extension('a._m', ['m.c'])
print("hello"
setup(hpy_ext_modules=[ext])
`, "line 3", ""},
		{"garbage line, setup after it", `from setuptools import setup, Extension
ext = Extension('a._m', ['m.c'])
this is not python ) ) ]
setup(hpy_ext_modules=[ext])
`, "line 3", "a._m"},
		{"several errors give one problem", `from setuptools import setup, Extension
x = = 1
y = ) 2
setup(hpy_ext_modules=[Extension('a._m', ['m.c'])], setup_requires=['hpy',,])
`, "line 2", "a._m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := read(t, tt.src)
			if len(f.Problems) != 1 {
				t.Fatalf("problems = %+v", f.Problems)
			}
			if msg := f.Problems[0].Message; !strings.HasPrefix(msg, "setup.py: syntax error at "+tt.line+";") {
				t.Errorf("message = %q", msg)
			}
			if tt.hpy != "" {
				if got := extNames(f, buildcfg.HPyExtension); got != tt.hpy {
					t.Errorf("extensions = %q, want %q", got, tt.hpy)
				}
			}
		})
	}
	if f := read(t, "from setuptools import setup\nsetup()\n"); len(f.Problems) != 0 {
		t.Errorf("problems on a valid file: %+v", f.Problems)
	}
}

// checkSpans verifies that every span of f lies inside content.
func checkSpans(t testing.TB, content []byte, f *buildcfg.File) {
	t.Helper()
	ok := func(what string, s source.Span) {
		if s.Start < 0 || s.End > len(content) || s.Start > s.End {
			t.Errorf("%s span %v outside content of %d bytes", what, s, len(content))
		}
	}
	for _, e := range f.Extensions {
		ok("decl", e.Decl)
		ok("name", e.Name.Span)
		for _, list := range [][]buildcfg.StringValue{e.Sources, e.Libraries, e.IncludeDirs, e.Defines} {
			for _, v := range list {
				ok("value", v.Span)
			}
		}
		if e.PyLimitedAPI != nil {
			ok("py_limited_api", e.PyLimitedAPI.Span)
		}
		if e.ABI != nil {
			ok("extension abi", e.ABI.Span)
		}
	}
	for _, a := range f.ABI {
		ok("abi", a.Span)
	}
	if rl := f.SetupRequires; rl != nil {
		ok("setup_requires", rl.Span)
		for _, r := range rl.Entries {
			ok("requirement", r.Span)
		}
		if rl.InsertAt != -1 && (rl.InsertAt < rl.Span.Start || rl.InsertAt > rl.Span.End) {
			t.Errorf("InsertAt %d outside the list %v", rl.InsertAt, rl.Span)
		}
	}
	if f.HPyExtModules != nil {
		ok("hpy_ext_modules", *f.HPyExtModules)
	}
	if f.ProjectName != nil {
		ok("project name", f.ProjectName.Span)
	}
	for _, u := range f.Unresolved {
		ok("unresolved", u.Span)
	}
	for _, p := range f.Problems {
		ok("problem", p.Span)
	}
	if len(f.Problems) > 1 {
		t.Errorf("%d problems, want at most one", len(f.Problems))
	}
	for _, c := range f.Comments {
		ok("comment", c.Span)
	}
}

// A name assigned in more branches than hpylint follows (a branch per
// line of a generated file) is unresolved, not the union of them all:
// following each branch back from each use made the reader quadratic.
func TestBranchesBeyondTheBound(t *testing.T) {
	for _, n := range []int{maxBranches - 1, maxBranches + 4} {
		var sb strings.Builder
		sb.WriteString("from setuptools import setup, Extension\nimport os\nSRCS = []\n")
		for i := range n {
			fmt.Fprintf(&sb, "if os.environ.get('WITH_%d'):\n    SRCS = ['m%d.c']\n", i, i)
		}
		sb.WriteString("setup(hpy_ext_modules=[Extension('a._m', SRCS)])\n")
		f := read(t, sb.String())
		if len(f.Extensions) != 1 {
			t.Fatalf("%d branches: %d extensions", n, len(f.Extensions))
		}
		got := len(f.Extensions[0].Sources)
		switch {
		case n < maxBranches && (got != n || len(f.Unresolved) != 0):
			t.Errorf("%d branches: %d sources, unresolved %+v; want all %d", n, got, f.Unresolved, n)
		case n > maxBranches && (got != 0 || len(f.Unresolved) != 1 || !strings.Contains(f.Unresolved[0].What, "more branches")):
			t.Errorf("%d branches: %d sources, unresolved %+v; want none, and SRCS unresolved", n, got, f.Unresolved)
		}
	}
}
