package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hpyproject/hpylint/lsp/benchdata"
)

// generateWorkspace writes a small project into a new temporary directory:
// one HPy source of about size bytes, made by the generator of hpyls's
// keystroke benchmarks (an HPY201 every fifty functions, so findings all
// through the file), and the setup.py that builds it. It returns the
// directory and the source.
func generateWorkspace(size int) (dir, file string, err error) {
	dir, err = os.MkdirTemp("", "lsp-latency-")
	if err != nil {
		return "", "", err
	}
	file = filepath.Join(dir, "big.c")
	setup := "from setuptools import setup, Extension\n" +
		"setup(name='big', setup_requires=['hpy'], hpy_ext_modules=[Extension('big._big', sources=['big.c'])])\n"
	if err := os.WriteFile(file, []byte(benchdata.CFile(size, "_big")), 0o644); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "setup.py"), []byte(setup), 0o644); err != nil {
		return "", "", err
	}
	return dir, file, nil
}

// fixableSource is the file -fix-first writes into a generated
// workspace: an HPy module no build config claims, with a CPython call
// (HPY201), for which hpyls offers a quick fix that changes it alone.
const fixableSource = `#include "hpy.h"

HPyDef_METH(clear, "clear", HPyFunc_NOARGS)
static HPy clear_impl(HPyContext *ctx, HPy self)
{
    PyErr_Clear();
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *defines[] = { &clear, NULL };
static HPyModuleDef moduledef = { .defines = defines };
HPy_MODINIT(other, moduledef)
`

// writeFixable writes fixableSource as name into the generated workspace
// dir, and returns its path.
func writeFixable(dir, name string) (string, error) {
	if filepath.IsAbs(name) || filepath.Base(name) != name || name == "big.c" || name == "setup.py" {
		return "", fmt.Errorf("-fix-first %q with -generate: give a plain file name other than big.c and setup.py", name)
	}
	path := filepath.Join(dir, name)
	return path, os.WriteFile(path, []byte(fixableSource), 0o644)
}

// parseSize reads a size such as 1MB, 512KB or 300000 (bytes); KB and MB
// are powers of 1024.
func parseSize(s string) (int, error) {
	upper := strings.ToUpper(strings.TrimSpace(s))
	unit := 1
	switch {
	case strings.HasSuffix(upper, "MB"):
		unit, upper = 1<<20, strings.TrimSuffix(upper, "MB")
	case strings.HasSuffix(upper, "KB"):
		unit, upper = 1<<10, strings.TrimSuffix(upper, "KB")
	}
	n, err := strconv.ParseFloat(upper, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("-generate %q: want a size such as 1MB, 512KB or 300000", s)
	}
	return int(n * float64(unit)), nil
}
