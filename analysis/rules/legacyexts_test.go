package rules_test

import (
	"fmt"
	"strings"
)

// legacyExtensions are the texts of n extensions pkg.m0 to pkg.m<n-1>,
// declared in one setup.py, whose sources src/m<i>.c each name a legacy
// PyMethodDef table in their module definition. With helpers, each
// extension also has a second source, src/m<i>_helpers.c, defining a
// function its first source calls through a header, src/m<i>.h.
func legacyExtensions(n int, helpers bool) map[string]string {
	texts := map[string]string{}
	var decls []string
	for i := range n {
		include, call, sources := "", "", fmt.Sprintf("'src/m%d.c'", i)
		if helpers {
			include = fmt.Sprintf("#include \"m%d.h\"\n", i)
			call = fmt.Sprintf("    helper_%d();\n", i)
			sources += fmt.Sprintf(", 'src/m%d_helpers.c'", i)
			texts[fmt.Sprintf("src/m%d.h", i)] = fmt.Sprintf("void helper_%d(void);\n", i)
			texts[fmt.Sprintf("src/m%d_helpers.c", i)] = fmt.Sprintf("#include \"hpy.h\"\n#include \"m%d.h\"\nvoid helper_%d(void) { }\n", i, i)
		}
		decls = append(decls, fmt.Sprintf("Extension('pkg.m%d', sources=[%s])", i, sources))
		texts[fmt.Sprintf("src/m%d.c", i)] = fmt.Sprintf(`#include "hpy.h"
%s
static PyMethodDef legacy_%d[] = {{NULL, NULL, 0, NULL}};

HPyDef_METH(f, "f", HPyFunc_NOARGS)
static HPy f_impl(HPyContext *ctx, HPy self)
{
%s    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *defines[] = { &f, NULL };
static HPyModuleDef moduledef = { .legacy_methods = legacy_%d, .defines = defines };
HPy_MODINIT(m%d, moduledef)
`, include, i, call, i, i)
	}
	texts["setup.py"] = "from setuptools import setup, Extension\nsetup(name='pkg', setup_requires=['hpy'], hpy_ext_modules=[" + strings.Join(decls, ", ") + "])\n"
	return texts
}
