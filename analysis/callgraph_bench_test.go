package analysis_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// writeCallGraphProject generates an HPy extension of n sources that call
// each other: each defines step<i>, which calls the next step, a far one
// and its own static helpers (all named alike across files, and
// recursive); every 25th has an exec slot; a few import, start threads and
// wait. The graph is dense on purpose: every exec slot reaches nearly
// every function.
func writeCallGraphProject(b *testing.B, n int) string {
	dir := b.TempDir()
	var srcs []string
	for i := range n {
		srcs = append(srcs, fmt.Sprintf("'src/s%03d.c'", i))
	}
	files := map[string]string{
		"pyproject.toml": "[build-system]\nrequires = [\"setuptools>=64\", \"hpy\"]\n",
		"setup.py":       "from setuptools import setup, Extension\nsetup(hpy_abi='universal', hpy_ext_modules=[Extension('pkg._graph', [" + strings.Join(srcs, ", ") + "])])\n",
		"src/steps.h":    "#include \"hpy.h\"\n#include <pthread.h>\n",
	}
	var defines []string
	for i := range n {
		var s strings.Builder
		next, far := (i+1)%n, (i*7+3)%n
		fmt.Fprintf(&s, "#include \"steps.h\"\n\nint step%03d(HPyContext *ctx, HPy m, int depth);\nint step%03d(HPyContext *ctx, HPy m, int depth);\n\n", next, far)
		s.WriteString("static int helper(HPyContext *ctx, HPy m)\n{\n    return HPy_SetAttr_s(ctx, m, \"x\", ctx->h_None);\n}\n\n")
		s.WriteString("static int twice(HPyContext *ctx, HPy m, int d)\n{\n    return helper(ctx, m) + (d > 0 ? twice(ctx, m, d - 1) : 0);\n}\n\n")
		for j := range 10 {
			fmt.Fprintf(&s, `HPyDef_METH(f%[1]d_%[2]d, "f%[1]d_%[2]d", HPyFunc_O)
static HPy f%[1]d_%[2]d_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long v = HPyLong_AsLong(ctx, arg);
    if (v < 0)
        return HPy_NULL;
    return HPyLong_FromLong(ctx, v + %[2]d);
}

`, i, j)
		}
		fmt.Fprintf(&s, "int step%03d(HPyContext *ctx, HPy m, int depth)\n{\n    if (depth > 8 || twice(ctx, m, 2) < 0)\n        return 0;\n", i)
		switch {
		case i%50 == 7:
			s.WriteString("    HPy json = HPyImport_ImportModule(ctx, \"json\");\n    HPy_Close(ctx, json);\n")
		case i%100 == 13:
			s.WriteString("    HPy pkg = HPyImport_ImportModule(ctx, \"pkg\");\n    HPy_Close(ctx, pkg);\n")
		case i%125 == 21:
			s.WriteString("    pthread_t t;\n    pthread_create(&t, NULL, NULL, NULL);\n    pthread_join(t, NULL);\n")
		}
		fmt.Fprintf(&s, "    return step%03d(ctx, m, depth + 1) + step%03d(ctx, m, depth + 2);\n}\n", next, far)
		if i%25 == 0 {
			fmt.Fprintf(&s, "\nHPyDef_SLOT(exec%[1]d, HPy_mod_exec)\nstatic int exec%[1]d_impl(HPyContext *ctx, HPy m)\n{\n    return step%03[1]d(ctx, m, 0);\n}\n", i)
			defines = append(defines, fmt.Sprintf("&exec%d", i))
		}
		if i == 0 {
			s.WriteString("\nextern HPyDef *module_defines[];\nstatic HPyModuleDef moduledef = { .doc = \"graph\", .defines = module_defines };\nHPy_MODINIT(_graph, moduledef)\n")
		}
		files[fmt.Sprintf("src/s%03d.c", i)] = s.String()
	}
	files["src/s000.c"] += "\nHPyDef *module_defines[] = { " + strings.Join(defines, ", ") + ", NULL };\n"
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

// lintCallGraphProject runs the whole lint of dir with opts.
func lintCallGraphProject(b *testing.B, dir string, opts analysis.Options) *analysis.Result {
	snap, errs := workspace.Load(dir, []string{"."}, nil)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	return analysis.Run(context.Background(), snap, opts)
}

// runHPY3 is the call-graph pass: build every graph, walk every root, run
// the HPY3xx rules; it returns their findings.
func runHPY3(p *model.Project) int {
	found := 0
	for _, r := range rules.All() {
		if strings.HasPrefix(r.Code, "HPY3") && r.Run != nil {
			r.Run(&rules.Pass{Project: p, Rule: r, Emit: func(d diag.Diagnostic) { found++ }})
		}
	}
	return found
}

// BenchmarkCallGraph500Files measures what the call graph costs on a
// 500-file extension: the whole lint with and without the HPY3xx rules,
// and the HPY3xx pass alone on a project whose facts are already read
// (call-graph-% is that pass over the whole lint, target < 10).
func BenchmarkCallGraph500Files(b *testing.B) {
	dir := writeCallGraphProject(b, 500)
	b.Run("lint", func(b *testing.B) {
		var res *analysis.Result
		for b.Loop() {
			res = lintCallGraphProject(b, dir, analysis.Options{})
		}
		hpy3 := 0
		for _, d := range res.Diagnostics {
			if strings.HasPrefix(d.Code, "HPY3") {
				hpy3++
			}
		}
		b.ReportMetric(float64(hpy3), "HPY3xx-findings")
	})
	b.Run("lint-without-HPY3", func(b *testing.B) {
		for b.Loop() {
			lintCallGraphProject(b, dir, analysis.Options{Ignore: []string{"HPY3"}})
		}
	})
	b.Run("callgraph-pass", func(b *testing.B) {
		var lint, pass time.Duration
		found := 0
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			start := time.Now()
			res := lintCallGraphProject(b, dir, analysis.Options{Ignore: []string{"HPY3"}})
			lint += time.Since(start)
			b.StartTimer()
			start = time.Now()
			found = runHPY3(res.Project)
			pass += time.Since(start)
		}
		if found == 0 {
			b.Fatal("the HPY3xx rules found nothing in the generated project")
		}
		b.ReportMetric(100*float64(pass)/float64(lint+pass), "call-graph-%")
	})
}
