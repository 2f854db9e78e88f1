// Package benchdata generates the inputs of hpyls's benchmarks: a large
// HPy C file and a many-file workspace, written like real HPy ports (one
// HPyDef per function, module and type definitions), so the numbers say
// something about real projects.
package benchdata

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// CFile returns an HPy source of at least size bytes: functions each
// declared with HPyDef_METH, a type spec, a module definition and
// HPy_MODINIT(modname, moduledef). Every fiftieth function calls the
// CPython API, which a universal build reports (HPY201). The line holding
// TypingMarker is where a benchmark types.
func CFile(size int, modname string) string {
	var b strings.Builder
	b.WriteString("#include \"hpy.h\"\n#include <string.h>\n\n")
	var defs []string
	for i := 0; b.Len() < size-2000; i++ {
		name := fmt.Sprintf("func_%05d", i)
		defs = append(defs, "&"+name)
		fmt.Fprintf(&b, "/* %s: adds its arguments, with a small twist for index %d. */\n", name, i)
		fmt.Fprintf(&b, "HPyDef_METH(%s, \"%s\", HPyFunc_VARARGS)\n", name, name)
		fmt.Fprintf(&b, "static HPy %s_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)\n{\n", name)
		b.WriteString("    if (nargs != 2) {\n        HPyErr_SetString(ctx, ctx->h_TypeError, \"expected two arguments\");\n        return HPy_NULL;\n    }\n")
		if i%50 == 0 {
			b.WriteString("    long v = PyLong_AsLong(NULL);\n")
		}
		fmt.Fprintf(&b, "    HPy tmp = HPy_Add(ctx, args[0], args[1]);\n    HPy res = HPy_Add(ctx, tmp, args[%d %% 2]);\n    HPy_Close(ctx, tmp);\n    return res;\n}\n\n", i)
	}
	b.WriteString("typedef struct { long x; } PointObject;\nHPyType_HELPERS(PointObject)\n\n")
	b.WriteString("static HPyDef *point_defines[] = { NULL };\n")
	b.WriteString("static HPyType_Spec point_spec = {\n    .name = \"mod.Point\",\n    .basicsize = sizeof(PointObject),\n    .defines = point_defines,\n};\n\n")
	b.WriteString("static HPyDef *module_defines[] = {\n")
	for _, d := range defs {
		fmt.Fprintf(&b, "    %s,\n", d)
	}
	b.WriteString("    NULL\n};\n\nstatic HPyModuleDef moduledef = {\n    .doc = \"generated\",\n    .defines = module_defines,\n};\n\n")
	fmt.Fprintf(&b, "HPy_MODINIT(%s, moduledef)\n", modname)
	return b.String()
}

// MacroHeavy is CFile's worst case for the incremental parser: each
// function comes with two HPyDef macros (a method and a type slot), about
// one HPy macro invocation per 250 bytes.
func MacroHeavy(size int, modname string) string {
	var b strings.Builder
	b.WriteString("#include \"hpy.h\"\n\n")
	for i := 0; b.Len() < size-200; i++ {
		fmt.Fprintf(&b, "HPyDef_METH(m%[1]d, \"m%[1]d\", HPyFunc_VARARGS, .doc = \"method %[1]d\")\n"+
			"static HPy m%[1]d_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)\n{\n    return HPy_Dup(ctx, args[0]);\n}\n"+
			"HPyDef_SLOT(t%[1]d_repr, HPy_tp_repr)\n"+
			"static HPy t%[1]d_repr_impl(HPyContext *ctx, HPy self)\n{\n    return HPyUnicode_FromString(ctx, \"t%[1]d\");\n}\n\n", i)
		if i == 2000 {
			b.WriteString("static long typing(void)\n{\n" + TypingMarker + "\n    return v;\n}\n\n")
		}
	}
	b.WriteString("static HPyModuleDef moduledef = { .doc = \"big\" };\n")
	fmt.Fprintf(&b, "HPy_MODINIT(%s, moduledef)\n", modname)
	return b.String()
}

// TypingMarker is the first line of CFile where a benchmark types: the
// CPython call in it moves right with every keystroke, so each edit
// changes the published findings.
const TypingMarker = "    long v = PyLong_AsLong(NULL);"

// Workspace writes a project of files C sources and headers under dir: one
// setup.py declaring an extension per five files (four sources of about
// 18 KB, the average of a real HPy corpus, and one header), one HPY102 per
// ten extensions.
func Workspace(dir string, files int) error { return ShapedWorkspace(dir, files, Shape{}) }

// Shape is how a generated workspace departs from Workspace's.
type Shape struct {
	// Packages gives each extension a directory of its own with its own
	// setup.py and pyproject.toml, as a repository of many packages has,
	// rather than one setup.py at the top.
	Packages bool
	// LegacyTables gives each extension's second source a PyMethodDef
	// table that its module definition names (.legacy_methods).
	LegacyTables bool
	// Universal pins the universal ABI (hpy_abi='universal'), so each
	// CPython call of the sources is a finding of its own (HPY201), not a
	// place HPY209 counts.
	Universal bool
}

// ShapedWorkspace is Workspace in the given shape: the same sources, but
// for the legacy tables that shape adds.
func ShapedWorkspace(dir string, files int, shape Shape) error {
	var decls []string
	for e := 0; e*5 < files; e++ {
		pkg := fmt.Sprintf("ext%03d", e)
		var srcs []string
		for s := 0; s < 4; s++ {
			rel := fmt.Sprintf("src/%s/part%d.c", pkg, s)
			if shape.Packages {
				srcs = append(srcs, fmt.Sprintf("%q", path.Base(rel)))
			} else {
				srcs = append(srcs, fmt.Sprintf("%q", rel))
			}
			modname := "_" + pkg
			if e%10 == 0 {
				modname = pkg // HPY102
			}
			content := CFile(18000, modname)
			if s > 0 {
				content = strings.Replace(content, "HPy_MODINIT("+modname+", moduledef)\n", "", 1)
				content = strings.Replace(content, "func_", fmt.Sprintf("p%d_func_", s), -1)
			}
			if s == 1 && shape.LegacyTables {
				table := pkg + "_legacy_methods"
				content = strings.Replace(content, "static HPyModuleDef moduledef = {", "static PyMethodDef "+table+"[] = {{NULL, NULL, 0, NULL}};\n\nstatic HPyModuleDef moduledef = {\n    .legacy_methods = "+table+",", 1)
			}
			content = strings.Replace(content, "#include <string.h>", "#include \"common.h\"", 1)
			if err := write(filepath.Join(dir, rel), content); err != nil {
				return err
			}
		}
		if err := write(filepath.Join(dir, "src", pkg, "common.h"), "#pragma once\n#include \"hpy.h\"\n#define COMMON_LIMIT 10\n"); err != nil {
			return err
		}
		decl := fmt.Sprintf("Extension(\"big.%s._%s\", sources=[%s])", pkg, pkg, strings.Join(srcs, ", "))
		if shape.Packages {
			if err := writeSetup(filepath.Join(dir, "src", pkg), pkg, []string{decl}, shape.Universal); err != nil {
				return err
			}
			continue
		}
		decls = append(decls, decl)
	}
	if shape.Packages {
		return nil
	}
	return writeSetup(dir, "big", decls, shape.Universal)
}

// writeSetup writes a setup.py declaring the extensions decls, and its
// pyproject.toml, into dir; universal pins the universal ABI.
func writeSetup(dir, name string, decls []string, universal bool) error {
	var setup strings.Builder
	fmt.Fprintf(&setup, "from setuptools import setup, Extension\n\nsetup(\n    name=%q,\n    setup_requires=[\"hpy\"],\n", name)
	if universal {
		setup.WriteString("    hpy_abi=\"universal\",\n")
	}
	setup.WriteString("    hpy_ext_modules=[\n")
	for _, d := range decls {
		fmt.Fprintf(&setup, "        %s,\n", d)
	}
	setup.WriteString("    ],\n)\n")
	if err := write(filepath.Join(dir, "setup.py"), setup.String()); err != nil {
		return err
	}
	return write(filepath.Join(dir, "pyproject.toml"), "[build-system]\nrequires = [\"setuptools>=64\", \"hpy\"]\nbuild-backend = \"setuptools.build_meta\"\n")
}

// Extension writes one HPy extension of files sources under dir (about
// 18 KB each, all including one project header), declared in setup.py:
// the shape of a large port, where one extension holds the workspace.
func Extension(dir string, files int) error {
	var srcs []string
	for s := range files {
		rel := fmt.Sprintf("src/part%03d.c", s)
		srcs = append(srcs, fmt.Sprintf("%q", rel))
		content := CFile(18000, "_big")
		if s > 0 {
			content = strings.Replace(content, "HPy_MODINIT(_big, moduledef)\n", "", 1)
			content = strings.Replace(content, "func_", fmt.Sprintf("p%d_func_", s), -1)
		}
		if s == 1 {
			content = strings.Replace(content, "    long v = PyLong_AsLong(NULL);\n", "", 1)
			content = strings.Replace(content, "static HPyDef *point_defines", "static long typing(void)\n{\n"+TypingMarker+"\n    return v;\n}\n\nstatic HPyDef *point_defines", 1)
		}
		content = strings.Replace(content, "#include <string.h>", "#include \"common.h\"", 1)
		if err := write(filepath.Join(dir, rel), content); err != nil {
			return err
		}
	}
	if err := write(filepath.Join(dir, "src", "common.h"), "#pragma once\n#include \"hpy.h\"\n#define COMMON_LIMIT 10\n"); err != nil {
		return err
	}
	setup := "from setuptools import setup, Extension\n\nsetup(\n    name=\"big\",\n    setup_requires=[\"hpy\"],\n    hpy_ext_modules=[Extension(\"big._big\", sources=[" + strings.Join(srcs, ", ") + "])],\n)\n"
	if err := write(filepath.Join(dir, "setup.py"), setup); err != nil {
		return err
	}
	return write(filepath.Join(dir, "pyproject.toml"), "[build-system]\nrequires = [\"setuptools>=64\", \"hpy\"]\nbuild-backend = \"setuptools.build_meta\"\n")
}

func write(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}
