package analysis_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
	"github.com/hpyproject/hpylint/analysis/workspace"
	"github.com/hpyproject/hpylint/lsp/benchdata"
)

// BenchmarkRerun1MB is the engine's share of a keystroke in the language
// server: a run over a project whose 1 MB HPy source comes with its facts
// already extracted (as an open buffer's do), caches warm.
//
//	go test ./analysis -run '^$' -bench Rerun1MB -benchmem
func BenchmarkRerun1MB(b *testing.B) {
	content := []byte(benchdata.CFile(1<<20, "_big"))
	facts, err := cfacts.Extract(cfacts.C, content)
	if err != nil {
		b.Fatal(err)
	}
	files := []*source.File{
		{Path: "setup.py", Content: []byte("from setuptools import setup, Extension\nsetup(name='big', setup_requires=['hpy'], hpy_ext_modules=[Extension('big._big', sources=['big.c'])])\n")},
		{Path: "big.c", Content: content},
	}
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache(), Provided: map[string]*cfacts.Facts{"big.c": facts}}
	snap := source.NewSnapshot("/bench", files)
	if res := analysis.Run(context.Background(), snap, opts); len(res.Diagnostics) == 0 {
		b.Fatal("no findings: the benchmark measures nothing")
	}
	b.ResetTimer()
	for b.Loop() {
		analysis.Run(context.Background(), source.NewSnapshot("/bench", files), opts)
	}
}

// BenchmarkMoved1MB is BenchmarkRerun1MB for a keystroke the findings move
// through: an Enter in a function body, the previous run given.
//
//	go test ./analysis -run '^$' -bench Moved1MB -benchmem
func BenchmarkMoved1MB(b *testing.B) {
	k := newEnter1MB(b)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache(), Provided: map[string]*cfacts.Facts{"big.c": k.facts}}
	prev := analysis.Run(context.Background(), k.base.With(&source.File{Path: "big.c", Content: k.content}), opts)
	opts.Provided, opts.Previous = map[string]*cfacts.Facts{"big.c": k.editedFacts}, prev
	if res := analysis.Run(context.Background(), k.base.With(&source.File{Path: "big.c", Content: k.edited}), opts); !res.Moved {
		b.Fatalf("the edit did not move the findings: %s", res.NotMoved)
	}
	// Two copies of the text, in turn: the last reading of an edit is kept
	// (for the run after a request answered early), and each key is read
	// once.
	texts := [2][]byte{k.edited, bytes.Clone(k.edited)}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		analysis.Run(context.Background(), k.base.With(&source.File{Path: "big.c", Content: texts[i%2]}), opts)
	}
}

// enter1MB is the 1 MB benchmark project (its setup.py in base, big.c
// apart) and an Enter typed after big.c's typing marker, with the facts of
// both texts.
type enter1MB struct {
	base               *source.Snapshot
	content, edited    []byte
	facts, editedFacts *cfacts.Facts
}

func newEnter1MB(b *testing.B) enter1MB {
	b.Helper()
	content := []byte(benchdata.CFile(1<<20, "_big"))
	at := bytes.Index(content, []byte(benchdata.TypingMarker))
	if at < 0 {
		b.Fatal("no typing marker in the generated file")
	}
	at += bytes.IndexByte(content[at:], '\n') + 1
	edited := slices.Concat(content[:at], []byte("\n"), content[at:])
	facts, err := cfacts.Extract(cfacts.C, content)
	if err != nil {
		b.Fatal(err)
	}
	editedFacts, err := cfacts.Extract(cfacts.C, edited)
	if err != nil {
		b.Fatal(err)
	}
	setup := &source.File{Path: "setup.py", Content: []byte("from setuptools import setup, Extension\nsetup(name='big', setup_requires=['hpy'], hpy_ext_modules=[Extension('big._big', sources=['big.c'])])\n")}
	return enter1MB{base: source.NewSnapshot("/bench", []*source.File{setup}), content: content, edited: edited, facts: facts, editedFacts: editedFacts}
}

// BenchmarkRealFactKey is the engine's share of a keystroke that changes
// a fact (a CPython call typed on a line of its own) in a real workspace,
// in factKeys's two modes. Skipped unless HPYLINT_BENCH_WORKSPACE and
// HPYLINT_BENCH_FILE (relative to it) are set:
//
//	HPYLINT_BENCH_WORKSPACE=../ports/numpy-hpy HPYLINT_BENCH_FILE=numpy/core/src/multiarray/multiarraymodule.c \
//	  go test ./analysis -run '^$' -bench RealFactKey -benchtime 60x
func BenchmarkRealFactKey(b *testing.B) {
	snap, rel, content := realBenchFile(b)
	factKeys(b, snap, rel, content, "kept", "fresh")
}

// BenchmarkFactKeyShapes is RealFactKey's "kept" in generated workspaces
// of 500 and 2,000 files (lsp/benchdata) of four shapes: one setup.py
// declaring every extension; a package for each extension, with its own
// setup.py and pyproject.toml; a legacy PyMethodDef table in each
// extension; and the universal ABI pinned, so that each CPython call is a
// finding of its own. A shape whose key costs far more than the plain
// one's points to a pass that asks something of every config or table
// for every extension.
//
//	go test ./analysis -run '^$' -bench FactKeyShapes -benchtime 200x
func BenchmarkFactKeyShapes(b *testing.B) {
	for _, shape := range []struct {
		name  string
		shape benchdata.Shape
	}{{"plain", benchdata.Shape{}}, {"packages", benchdata.Shape{Packages: true}}, {"legacy-tables", benchdata.Shape{LegacyTables: true}}, {"universal", benchdata.Shape{Universal: true}}} {
		for _, files := range []int{500, 2000} {
			b.Run(fmt.Sprintf("%s/%d", shape.name, files), func(b *testing.B) {
				snap, rel, content := shapedBenchFile(b, files, shape.shape)
				factKeys(b, snap, rel, content, "kept")
			})
		}
	}
}

// shapedBenchFile generates a workspace of files files of the shape
// (lsp/benchdata) and returns it with the path and content of the source
// the fact-key benchmarks type into.
func shapedBenchFile(b *testing.B, files int, shape benchdata.Shape) (*source.Snapshot, string, []byte) {
	dir := b.TempDir()
	if err := benchdata.ShapedWorkspace(dir, files, shape); err != nil {
		b.Fatal(err)
	}
	snap, errs := workspace.Load(dir, []string{dir}, nil)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	const rel = "src/ext000/part0.c"
	f := snap.File(rel)
	if f == nil {
		b.Fatalf("the generated workspace has no %s", rel)
	}
	return snap, rel, f.Content
}

// factKeys types a CPython call on a line of its own into rel, a line
// further down each time, as a user moving through the file does, and
// times the engine's run after each key, in each mode: "kept" gives each
// run the one before, as the language server does, so the rules keep
// what the edit cannot change (rules.Carry); "fresh" runs them over all
// of it.
func factKeys(b *testing.B, snap *source.Snapshot, rel string, content []byte, modes ...string) {
	first := newFactKeyTyper(snap, rel, content)
	for _, mode := range modes {
		b.Run(mode, func(b *testing.B) {
			k := *first
			k.fresh = mode == "fresh"
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				run := k.prepare(b)
				before := processCPU()
				b.StartTimer()
				run()
				b.StopTimer()
				cpu += processCPU() - before
				b.StartTimer()
			}
			b.ReportMetric(float64(k.moved)/float64(k.keys), "moved/op")
			// The process's CPU time, every goroutine's, is steadier than the
			// wall time on a shared machine: a change that takes work out of
			// a key shows there even when the wall time is lost in the noise.
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(k.keys), "cpu-ms/op")
		})
	}
}

// factKeyTyper types factKeys's keys into one workspace. The file is
// open (Options.Open), and its facts and line index are provided as an
// open buffer's are.
type factKeyTyper struct {
	snap    *source.Snapshot
	rel     string
	content []byte
	starts  []int
	opts    analysis.Options
	prev    *analysis.Result
	fresh   bool // run without the run before
	keys    int
	moved   int // keys on a line inside a comment or an #if 0: nothing ran
}

func newFactKeyTyper(snap *source.Snapshot, rel string, content []byte) *factKeyTyper {
	k := &factKeyTyper{snap: snap, rel: rel, content: content}
	for i, c := range content {
		if c == '\n' && i+1 < len(content) {
			k.starts = append(k.starts, i+1)
		}
	}
	// The file is open, as in the editor: details of summaries are made
	// there only (Options.Open).
	k.opts = analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache(),
		Open: &analysis.OpenFiles{Paths: map[string]bool{k.rel: true}}}
	k.prev = analysis.Run(context.Background(), snap, k.opts)
	return k
}

// prepare makes the next key's text and facts, and returns the run of
// the engine over them, which is what a benchmark times.
func (k *factKeyTyper) prepare(b *testing.B) (run func()) {
	at := k.starts[(k.keys*7919)%len(k.starts)]
	k.keys++
	edited := slices.Concat(k.content[:at], []byte("PyErr_Clear();\n"), k.content[at:])
	facts, err := cfacts.Extract(cfacts.C, edited)
	if err != nil {
		b.Fatal(err)
	}
	o := k.opts
	o.Provided, o.Lines = map[string]*cfacts.Facts{k.rel: facts}, map[string]*textpos.Index{k.rel: textpos.New(edited)}
	if !k.fresh {
		o.Previous = k.prev
	}
	snap := k.snap.With(&source.File{Path: k.rel, Content: edited})
	return func() {
		k.prev = analysis.Run(context.Background(), snap, o)
		if k.prev.Moved {
			k.moved++
		}
	}
}

// BenchmarkFactKeyProportion types FactKeyShapes's plain key into the
// workspaces of 500 and 2,000 files in turn, one key each per iteration,
// and reports the median of their ratios ("x500"): what a key at 2,000
// files costs against one at 500, which the load of a shared machine
// moves far less than either time. 1 would be a key's work in proportion
// to the edit alone, 4 in proportion to the workspace.
//
//	go test ./analysis -run '^$' -bench FactKeyProportion -benchtime 400x
func BenchmarkFactKeyProportion(b *testing.B) {
	var typers [2]*factKeyTyper
	for i, files := range []int{500, 2000} {
		typers[i] = newFactKeyTyper(shapedBenchFile(b, files, benchdata.Shape{}))
	}
	var ratios, small, large []float64
	for b.Loop() {
		var took [2]float64
		for i, k := range typers {
			b.StopTimer()
			run := k.prepare(b)
			b.StartTimer()
			start := time.Now()
			run()
			took[i] = time.Since(start).Seconds()
		}
		ratios, small, large = append(ratios, took[1]/took[0]), append(small, took[0]), append(large, took[1])
	}
	b.ReportMetric(median(ratios), "x500")
	b.ReportMetric(median(small)*1e3, "ms-500")
	b.ReportMetric(median(large)*1e3, "ms-2000")
}

// realBenchFile loads the workspace HPYLINT_BENCH_WORKSPACE names and
// returns it with the path and content of its file HPYLINT_BENCH_FILE;
// the benchmark is skipped unless both are set.
func realBenchFile(b *testing.B) (*source.Snapshot, string, []byte) {
	root, rel := os.Getenv("HPYLINT_BENCH_WORKSPACE"), os.Getenv("HPYLINT_BENCH_FILE")
	if root == "" || rel == "" {
		b.Skip("set HPYLINT_BENCH_WORKSPACE and HPYLINT_BENCH_FILE")
	}
	snap, errs := workspace.Load(root, []string{root}, nil)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	f := snap.File(rel)
	if f == nil {
		b.Fatalf("%s has no file %s", root, rel)
	}
	return snap, rel, f.Content
}
