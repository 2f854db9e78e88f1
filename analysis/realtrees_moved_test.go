package analysis_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/testenv"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// On every real port named by HPYLINT_REAL_TREES, keys typed into its HPy
// sources as an editor sends them (each run given the previous one, the
// edited file's facts provided) give what a fresh run of the same text
// gives, whether the findings were moved or the rules ran.
// HPYLINT_REAL_MOVED_FILES sources per tree (default 4), and
// HPYLINT_REAL_MOVED_EDITS keys in each (default 12).
func TestRealTreesMovedEqualsFresh(t *testing.T) {
	trees := os.Getenv("HPYLINT_REAL_TREES")
	if trees == "" {
		t.Skip("HPYLINT_REAL_TREES is not set: no real HPy ports to check")
	}
	files, edits := testenv.Count(t, "HPYLINT_REAL_MOVED_FILES", 4), testenv.Count(t, "HPYLINT_REAL_MOVED_EDITS", 12)
	moved, kept, runs := 0, 0, 0
	adopted := analysis.WalksAdopted()
	for _, dir := range strings.Split(trees, ":") {
		if dir == "" {
			continue
		}
		t.Run(filepath.Base(filepath.Clean(dir)), func(t *testing.T) {
			snap, errs := workspace.Load(dir, []string{"."}, nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache(), Workers: 2}
			base := analysis.Run(context.Background(), snap, opts)
			for _, path := range spreadPick(hpyCodePaths(base), files) {
				m, k, r := typeIntoRealFile(t, snap, opts, path, edits)
				moved, kept, runs = moved+m, kept+k, runs+r
			}
		})
	}
	adopted = analysis.WalksAdopted() - adopted
	t.Logf("%d of %d runs moved the findings; %d ran the rules keeping results of the run before; %d models took the parse phase's outcome of the one before", moved, runs, kept, adopted)
	if runs > 0 && moved == 0 {
		t.Error("no run moved the findings: the real trees say nothing of moving")
	}
	if moved < runs && adopted == 0 {
		t.Error("no model took the parse phase's outcome of the one before: the real trees say nothing of it")
	}
}

func hpyCodePaths(res *analysis.Result) []string {
	var out []string
	for _, u := range rules.HPyCodeFiles(res.Project) {
		if _, isC := cfacts.LangOf(u.Path); isC && u.Facts.Lang == cfacts.C {
			out = append(out, u.Path)
		}
	}
	return out
}

// spreadPick is n of paths (sorted), evenly spaced.
func spreadPick(paths []string, n int) []string {
	if len(paths) <= n {
		return paths
	}
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, paths[i*len(paths)/n])
	}
	return out
}

// typeIntoRealFile types edits keys (a line break, a space or a call at
// the start of a line drawn from the file, or a letter anywhere) into path, checking each run against a
// fresh one; it returns how many runs moved the findings, how many ran
// the rules keeping some of the previous run's results, and how many ran.
func typeIntoRealFile(t *testing.T, snap *source.Snapshot, opts analysis.Options, path string, edits int) (moved, kept, runs int) {
	t.Helper()
	text := string(snap.File(path).Content)
	h := fnv.New64a()
	h.Write([]byte(path))
	rng := rand.New(rand.NewSource(int64(h.Sum64())))
	run := func(text string, prev *analysis.Result) *analysis.Result {
		facts, err := cfacts.Extract(cfacts.C, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		o := opts
		o.Provided, o.Previous = map[string]*cfacts.Facts{path: facts}, prev
		return analysis.Run(context.Background(), snap.With(&source.File{Path: path, Content: []byte(text)}), o)
	}
	prev := run(text, nil)
	key := func(i int, at int, key string) {
		text = text[:at] + key + text[at:]
		got := run(text, prev)
		fresh := analysis.Run(context.Background(), snap.With(&source.File{Path: path, Content: []byte(text)}), analysis.Options{Cache: opts.Cache, Configs: opts.Configs, Workers: 2})
		if len(got.Failures)+len(fresh.Failures) > 0 {
			t.Fatalf("%s, key %d: internal failures %v %v", path, i, got.Failures, fresh.Failures)
		}
		sameFindings(t, fmt.Sprintf("%s, key %d (%q at offset %d; moved: %v %s)", path, i, key, at, got.Moved, got.NotMoved), got.Diagnostics, fresh.Diagnostics)
		if got.Moved {
			moved++
		}
		if got.Kept > 0 {
			kept++
		}
		runs++
		prev = got
	}
	for i := range edits {
		starts := []int{0}
		for j := range len(text) {
			if text[j] == '\n' {
				starts = append(starts, j+1)
			}
		}
		at := starts[rng.Intn(len(starts))]
		// Mostly keys that move the findings; some that change facts, so
		// that the rules run and keep what they can (rules.Carry): a
		// letter anywhere, a call at the start of a line.
		k := []string{"\n", "\n", " ", "x", "PyErr_Clear();"}[rng.Intn(5)]
		if k == "x" {
			at = rng.Intn(len(text) + 1)
		}
		key(i, at, k)
	}
	// Enter keys by lines a backslash continues, which random keys seldom
	// meet: before a multi-line #define (the findings move) and inside it
	// (it is cut short).
	for i, at := range continuedLineStarts(text, 3) {
		key(edits+i, at, "\n")
	}
	return moved, kept, runs
}

// continuedLineStarts are, for the first n lines ending in a backslash
// whose line before does not, the start of that line and of the line it
// continues into, last first: keys at them in that order keep the others'
// offsets.
func continuedLineStarts(text string, n int) []int {
	var out []int
	start, continued := 0, false
	for start < len(text) && n > 0 {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			break
		}
		end += start
		cont := strings.HasSuffix(strings.TrimRight(text[start:end], " \t\r"), "\\")
		if cont && !continued && end+1 < len(text) {
			out = append(out, start, end+1)
			n--
		}
		start, continued = end+1, cont
	}
	slices.Reverse(out)
	return out
}
