package setuppy

import "testing"

// A build_ext override that refills hpy_ext_modules[:] from a list only the
// build makes picks, by its literal name test, among the Extension(...)
// calls of setup.py and its local modules; setup()'s nameless placeholders
// go. Installed packages imported before the local module are no local
// modules and do not use up the budget of modules read.
func TestOverridePicksAmongWrittenExtensions(t *testing.T) {
	files := fakeFiles{
		"setup.py": `import os, sys, shutil, subprocess, pathlib, tempfile, sysconfig
import setuptools.command.build_ext
import setuptools.command.build_py
import setuptools.command.sdist
from setuptools import setup, Extension
import parts

class B(setuptools.command.build_ext.build_ext):
    def finalize_options(self):
        self.distribution.hpy_ext_modules[:] = [
            adjust(ext) for p in parts.ALL for ext in p.get_extensions() if ext.name.endswith("_hpy")]

setup(cmdclass={"build_ext": B}, hpy_ext_modules=[Extension("", [])])
`,
		"parts.py": `from setuptools import Extension

class One:
    def get_extensions(self):
        yield Extension("pkg.one_hpy", ["one.c"])
        yield Extension("pkg.one", ["one_cpython.c"])
`,
	}
	f := readIn(t, "setup.py", files)
	if got := allNames(f); got != "hpy:pkg.one_hpy" {
		t.Errorf("extensions: %s", got)
	}
	if e := extByName(f, "pkg.one_hpy"); e == nil || len(e.Sources) != 1 || e.Sources[0].Value != "one.c" {
		t.Errorf("pkg.one_hpy: %+v", e)
	}
}

// Without a name test, the override makes every extension the build
// collects an HPy one.
func TestOverrideWithoutFilterPicksEveryExtension(t *testing.T) {
	files := fakeFiles{
		"setup.py": `import setuptools.command.build_ext
from setuptools import setup, Extension
import parts

class B(setuptools.command.build_ext.build_ext):
    def finalize_options(self):
        self.distribution.ext_modules[:] = []
        self.distribution.hpy_ext_modules[:] = [
            adjust(ext) for p in parts.ALL for ext in p.get_extensions()]

setup(cmdclass={"build_ext": B}, hpy_ext_modules=[Extension("", [])])
`,
		"parts.py": `from setuptools import Extension

class One:
    def get_extensions(self):
        yield Extension("pkg.one", ["one.c"])
        ext = Extension("pkg.two", ["two.c"])
        yield ext
`,
	}
	f := readIn(t, "setup.py", files)
	if got := allNames(f); got != "hpy:pkg.one,hpy:pkg.two" {
		t.Errorf("extensions: %s", got)
	}
}

// A project named from outside it (hpylint ../proj) has paths under ../:
// its setup.py's globs still look inside it.
func TestGlobInProjectNamedFromOutside(t *testing.T) {
	files := fakeFiles{
		"../proj/setup.py":  "from glob import glob\nfrom setuptools import setup, Extension\n\nsetup(hpy_ext_modules=[Extension('m', glob('./src/*.c'))])\n",
		"../proj/src/one.c": "",
		"../proj/src/two.c": "",
	}
	f := readIn(t, "../proj/setup.py", files)
	e := extByName(f, "m")
	if e == nil || len(e.Sources) != 2 || len(f.Unresolved) != 0 {
		t.Errorf("extension %+v, unresolved %v", e, f.Unresolved)
	}
}
