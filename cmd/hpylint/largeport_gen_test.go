package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A generator of projects shaped like a large C++ port that nothing pins
// to one ABI: one setup.py declaring every extension in hpy_ext_modules,
// with the ABI written out as cpython on CPython and universal elsewhere;
// each extension has a few .cpp sources and a project header, some still
// full of CPython references, some fully ported. The generator records
// where it wrote each reference, so a test can check that every one is
// accounted for.

// largePort is a generated project.
type largePort struct {
	files map[string]string // path -> content
	// places holds, per extension name, every place that keeps it from
	// building universal, as "path:line:column" (1-based, the column of the
	// name or of the #include).
	places map[string][]string
	exts   []string
}

// cpythonLines are statements that each reference one CPython name; %d is
// a counter that keeps local names apart. The name is the first "Py"
// token of the line.
var cpythonLines = []string{
	"    (void)PyLong_FromLong(%d);",
	"    (void)PyList_New(%d);",
	"    (void)PyTuple_New(%d);",
	"    (void)PyErr_Occurred(); /* %d */",
	"    (void)PyUnicode_FromString(\"s%d\");",
	"    (void)PyFloat_FromDouble(%d.5);",
	"    (void)PyDict_New(); /* %d */",
	"    (void)PyBool_FromLong(%d);",
	"    PyObject *obj%d = nullptr;",
	"    (void)PyExc_TypeError; /* %d */",
}

// ported are statements with no CPython reference, between the others.
var portedLines = []string{
	"    HPy h%d = HPyLong_FromLong(ctx, %d);",
	"    long n%d = %d;",
}

func generateLargePort(seed uint64, nExt int) *largePort {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	p := &largePort{files: map[string]string{}, places: map[string][]string{}}
	var decls []string
	counter := 0
	for e := 0; e < nExt; e++ {
		ext := fmt.Sprintf("bigport._ext%d", e)
		short := fmt.Sprintf("_ext%d", e)
		p.exts = append(p.exts, ext)
		dir := fmt.Sprintf("src/ext%d", e)
		ported := e%4 == 3 // every fourth extension has nothing left to port
		withPythonH := !ported && e%3 == 0

		header := dir + fmt.Sprintf("/ext%d.hpp", e)
		var h strings.Builder
		h.WriteString("#pragma once\n#include \"hpy.h\"\n")
		if withPythonH {
			h.WriteString("#include <Python.h>\n")
		}
		fmt.Fprintf(&h, "namespace ext%d {\ninline long twice(long x) { return 2 * x; }\n", e)
		if !ported {
			h.WriteString("inline void legacy_helper() {\n")
			for i := 0; i < 3; i++ {
				counter++
				line := fmt.Sprintf(cpythonLines[rng.IntN(len(cpythonLines))], counter)
				p.addPlace(ext, header, strings.Count(h.String(), "\n")+1, strings.Index(line, "Py")+1)
				h.WriteString(line + "\n")
			}
			h.WriteString("}\n")
		}
		h.WriteString("}\n")
		p.files[header] = h.String()

		nSrc := 2 + rng.IntN(3)
		var sources []string
		for s := 0; s < nSrc; s++ {
			path := fmt.Sprintf("%s/part%d.cpp", dir, s)
			sources = append(sources, fmt.Sprintf("'%s'", path))
			var b strings.Builder
			b.WriteString("#include \"hpy.h\"\n")
			if withPythonH {
				p.addPlace(ext, path, 2, 1)
			}
			fmt.Fprintf(&b, "#include \"ext%d.hpp\"\n\n", e)
			if s > 0 {
				fmt.Fprintf(&b, "namespace ext%d {\n", e)
			}
			for fn := 0; fn < 2+rng.IntN(3); fn++ {
				if s == 0 {
					fmt.Fprintf(&b, "HPyDef_METH(m%d, \"m%d\", HPyFunc_NOARGS)\nstatic HPy m%d_impl(HPyContext *ctx, HPy self)\n{\n", fn, fn, fn)
				} else {
					fmt.Fprintf(&b, "void f%d(HPyContext *ctx)\n{\n", fn)
				}
				for st := 0; st < 8+rng.IntN(8); st++ {
					counter++
					if ported || rng.IntN(3) == 0 {
						fmt.Fprintf(&b, portedLines[rng.IntN(len(portedLines))]+"\n", counter, counter)
						continue
					}
					line := fmt.Sprintf(cpythonLines[rng.IntN(len(cpythonLines))], counter)
					p.addPlace(ext, path, strings.Count(b.String(), "\n")+1, strings.Index(line, "Py")+1)
					b.WriteString(line + "\n")
				}
				if s == 0 {
					b.WriteString("    return HPy_Dup(ctx, ctx->h_None);\n}\n\n")
				} else {
					b.WriteString("}\n\n")
				}
			}
			if s > 0 {
				b.WriteString("}\n")
			} else {
				b.WriteString("static HPyDef *module_defines[] = {")
				for fn := 0; fn < strings.Count(b.String(), "HPyDef_METH("); fn++ {
					fmt.Fprintf(&b, " &m%d,", fn)
				}
				fmt.Fprintf(&b, " NULL };\nstatic HPyModuleDef moduledef = { .defines = module_defines };\nHPy_MODINIT(%s, moduledef)\n", short)
			}
			p.files[path] = b.String()
		}
		decls = append(decls, fmt.Sprintf("        Extension('%s', [%s], include_dirs=['%s']),", ext, strings.Join(sources, ", "), dir))
	}
	p.files["setup.py"] = "import sys\nfrom setuptools import setup, Extension\n\n" +
		"HPY_ABI = 'cpython' if sys.implementation.name == 'cpython' else 'universal'\n\n" +
		"setup(\n    name='bigport',\n    hpy_ext_modules=[\n" + strings.Join(decls, "\n") + "\n    ],\n    hpy_abi=HPY_ABI,\n)\n"
	p.files["pyproject.toml"] = "[build-system]\nrequires = [\"setuptools>=64\", \"hpy>=0.9\"]\nbuild-backend = \"setuptools.build_meta\"\n"
	return p
}

func (p *largePort) addPlace(ext, path string, line, col int) {
	p.places[ext] = append(p.places[ext], fmt.Sprintf("%s:%d:%d", path, line, col))
}

// write puts the project's files under dir.
func (p *largePort) write(t *testing.T, dir string) {
	t.Helper()
	for path, content := range p.files {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// total counts the places of every extension.
func (p *largePort) total() int {
	n := 0
	for _, ps := range p.places {
		n += len(ps)
	}
	return n
}
