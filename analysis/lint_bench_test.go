package analysis_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tsc "github.com/tree-sitter/tree-sitter-c/bindings/go"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// writeUniversalProject generates a universal HPy extension of n sources
// that all include the same project headers (one of which pulls in
// Python.h), with a few CPython references each: the shape of a port in
// progress, where include resolution and header facts must be shared.
func writeUniversalProject(b *testing.B, n int) string {
	dir := b.TempDir()
	var srcs []string
	for i := range n {
		srcs = append(srcs, fmt.Sprintf("'src/m%03d.c'", i))
	}
	files := map[string]string{
		"pyproject.toml": "[build-system]\nrequires = [\"setuptools>=64\", \"hpy\"]\n",
		"setup.py":       "from setuptools import setup, Extension\nsetup(hpy_abi='universal', hpy_ext_modules=[Extension('big', [" + strings.Join(srcs, ", ") + "])])\n",
		"src/common.h":   "#include \"hpy.h\"\n#include \"compat.h\"\n#define BIG_STEP 2\n",
		"src/compat.h":   "#include <Python.h>\n",
	}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "#include \"common.h\"\n\n")
		for j := range 20 {
			fmt.Fprintf(&b, `HPyDef_METH(f%[1]d_%[2]d, "f%[1]d_%[2]d", HPyFunc_O)
static HPy f%[1]d_%[2]d_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long v = HPyLong_AsLong(ctx, arg) * BIG_STEP;
    if (v < 0)
        return HPy_NULL;
    return HPyLong_FromLong(ctx, v + %[2]d);
}

`, i, j)
		}
		fmt.Fprintf(&b, "static PyObject *legacy%d(PyObject *self) { Py_RETURN_NONE; }\n", i)
		if i == 0 {
			b.WriteString("static HPyModuleDef moduledef = { .doc = \"big\" };\nHPy_MODINIT(big, moduledef)\n")
		}
		files[fmt.Sprintf("src/m%03d.c", i)] = b.String()
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkLint500Files lints a generated 500-file universal extension,
// as the CLI does with --no-cache: load from disk (parsing the files as
// they are read), model, every rule.
func BenchmarkLint500Files(b *testing.B) {
	dir := writeUniversalProject(b, 500)
	var found int
	for b.Loop() {
		found = lintAsTheCLI(dir)
	}
	b.ReportMetric(float64(found), "diagnostics")
}

// lintAsTheCLI lints dir as hpylint --no-cache does and returns the
// number of findings.
func lintAsTheCLI(dir string) int {
	pre := analysis.StartPrefetch(context.Background(), analysis.Options{})
	snap, _ := workspace.LoadEach(dir, []string{"."}, nil, pre.Read)
	return len(analysis.Run(context.Background(), snap, analysis.Options{Prefetch: pre}).Diagnostics)
}

// BenchmarkLintOverBareParse500Files times a lint and a bare parse of the
// 500 files in turn, iteration by iteration, and reports the median of
// their ratios ("x-bare"): on a machine shared with other work, two
// benchmarks run one after the other see different loads, while a lint
// and the parse right after it see nearly the same.
func BenchmarkLintOverBareParse500Files(b *testing.B) {
	dir := writeUniversalProject(b, 500)
	contents := sourcesOf(dir)
	lang := sitter.NewLanguage(tsc.Language())
	var ratios, cpuRatios, lints, bares []float64
	for b.Loop() {
		start, cpu0 := time.Now(), processCPU()
		lintAsTheCLI(dir)
		mid, cpu1 := time.Now(), processCPU()
		parseAll(lang, contents)
		lint, bare := mid.Sub(start).Seconds(), time.Since(mid).Seconds()
		ratios, lints, bares = append(ratios, lint/bare), append(lints, lint), append(bares, bare)
		cpuRatios = append(cpuRatios, cpuRatio(cpu0, cpu1, processCPU()))
	}
	b.ReportMetric(median(ratios), "x-bare")
	// The CPU time of each, which a machine shared with other work
	// distorts less than the wall time.
	b.ReportMetric(median(cpuRatios), "x-bare-cpu")
	b.ReportMetric(median(lints)*1e3, "lint-ms")
	b.ReportMetric(median(bares)*1e3, "bare-ms")
}

// cpuRatio is the CPU time from a to b over that from b to c (0 where the
// CPU time is not measured).
func cpuRatio(a, b, c time.Duration) float64 {
	if c <= b {
		return 0
	}
	return float64(b-a) / float64(c-b)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// sourcesOf reads the .c files of the generated project, as the bare
// parse takes them.
func sourcesOf(dir string) [][]byte {
	paths, _ := filepath.Glob(filepath.Join(dir, "src", "*.c"))
	var contents [][]byte
	for _, p := range paths {
		c, _ := os.ReadFile(p)
		contents = append(contents, c)
	}
	return contents
}

// BenchmarkBareParse500Files is the baseline: tree-sitter-c parsing the
// same files on as many goroutines as the lint uses, nothing else.
func BenchmarkBareParse500Files(b *testing.B) {
	contents := sourcesOf(writeUniversalProject(b, 500))
	lang := sitter.NewLanguage(tsc.Language())
	for b.Loop() {
		parseAll(lang, contents)
	}
}

// BenchmarkLintTree lints the trees listed in HPYLINT_BENCH_TREES
// (colon-separated directories, e.g. checkouts of git and numpy); skipped
// when unset. bench/compare.sh runs the same comparison from the shell.
func BenchmarkLintTree(b *testing.B) {
	trees := os.Getenv("HPYLINT_BENCH_TREES")
	if trees == "" {
		b.Skip("set HPYLINT_BENCH_TREES to directories to lint")
	}
	for b.Loop() {
		snap, _ := workspace.Load("/", strings.Split(trees, ":"), nil)
		analysis.Run(context.Background(), snap, analysis.Options{})
	}
}

// BenchmarkLoad500Files is the first part of BenchmarkLint500Files on its
// own: walking and reading the 500-file project.
func BenchmarkLoad500Files(b *testing.B) {
	dir := writeUniversalProject(b, 500)
	for b.Loop() {
		workspace.Load(dir, []string{"."}, nil)
	}
}

// BenchmarkExtractOverBareParse500Files is BenchmarkLintOverBareParse500Files
// for the facts alone: cfacts.Extract of the 500 files, on a goroutine per
// core, over the bare parse. What the lint takes beyond this ratio is the
// engine's: reading, configs, model, rules, report.
func BenchmarkExtractOverBareParse500Files(b *testing.B) {
	contents := sourcesOf(writeUniversalProject(b, 500))
	lang := sitter.NewLanguage(tsc.Language())
	var ratios, cpuRatios []float64
	for b.Loop() {
		start, cpu0 := time.Now(), processCPU()
		extractAll(contents)
		mid, cpu1 := time.Now(), processCPU()
		parseAll(lang, contents)
		ratios = append(ratios, mid.Sub(start).Seconds()/time.Since(mid).Seconds())
		cpuRatios = append(cpuRatios, cpuRatio(cpu0, cpu1, processCPU()))
	}
	b.ReportMetric(median(ratios), "x-bare")
	b.ReportMetric(median(cpuRatios), "x-bare-cpu")
}
