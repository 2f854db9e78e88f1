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

// generateExtensions writes the workspace of hpyls's workspace
// benchmarks into a new temporary directory: files C sources and headers,
// an extension of four sources and a header for every five, all declared
// in one setup.py (lsp/benchdata.Workspace). It returns the directory and
// the first source of the second extension, where those benchmarks type:
// its places are among those setup.py's HPY209 summary of the extension
// relates, so a key there changes two files' findings.
func generateExtensions(files int) (dir, file string, err error) {
	if files < 10 {
		return "", "", fmt.Errorf("-generate %dfiles: want at least 10 files (two extensions)", files)
	}
	dir, err = os.MkdirTemp("", "lsp-latency-")
	if err != nil {
		return "", "", err
	}
	if err := benchdata.Workspace(dir, files); err != nil {
		os.RemoveAll(dir)
		return "", "", err
	}
	return dir, filepath.Join(dir, "src", "ext001", "part0.c"), nil
}

// fileCount reads a count of files such as 2000files.
func fileCount(s string) (int, bool) {
	digits, ok := strings.CutSuffix(strings.ToLower(strings.TrimSpace(s)), "files")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	return n, err == nil
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
