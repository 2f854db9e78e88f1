package lsp

// The projects of the early-answer tests (early_test.go): findings with
// fixes (HPY102's rename, HPY105's shim after HPy_MODINIT, HPY109's size),
// a CPython name to hover, a suppression comment, a comment that says
// nothing to hpylint.

const earlySetup = `from setuptools import setup, Extension
setup(name='pkg', setup_requires=['hpy'], hpy_ext_modules=[Extension('pkg.m', sources=['m.c'])], hpy_abi='universal')
`

const earlySource = `#include "hpy.h"

/* Says nothing to hpylint. */
static long legacy(void)
{
    long v = PyLong_AsLong(NULL);
    int unused = 1;

    return v;
}

HPyDef_METH(f, "f", HPyFunc_NOARGS)
static HPy f_impl(HPyContext *ctx, HPy self)
{
    PyErr_Clear();  // hpylint: ignore[HPY201]
    long y = 2;

    return HPy_Dup(ctx, self);
}

static HPyDef *defines[] = { &f, NULL };
static HPyModuleDef moddef = { .defines = defines, .size = 8 };

HPy_MODINIT(other, moddef)
`

// earlyCited has places a hover and a message cite by line: the
// hand-written PyInit_ the HPy_MODINIT hover names (at the start of its
// line, where a place not moved would be on the line before), and a duplicate
// HPy_MODINIT whose finding cites the first one's line.
const earlyCited = `#include "hpy.h"

PyObject *
PyInit_other(void) { return NULL; }

static long legacy(void)
{
    long v = PyLong_AsLong(NULL);

    return v;
}

static HPyModuleDef moddef = { .doc = "m" };

HPy_MODINIT(other, moddef)
HPy_MODINIT(other, moddef)
`
