package lsp

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/testenv"
)

// The incremental server must publish what a full analysis of the same
// texts finds. The property test drives the server with random edits to a
// generated multi-extension workspace and, after each, compares every
// file's published diagnostics with a fresh engine run, from scratch (no
// facts cache, no config cache, no provided facts), converted by the
// server's own conversion.
//
// go test ./lsp runs a small instance (seeds 1 and 2, 15 bursts of edits
// each). A larger one, seeds 1 to 40 with 300 bursts each:
//
//	HPYLS_PROPERTY_EDITS=300 HPYLS_PROPERTY_SEEDS=40 go test ./lsp -run 'IncrementalProperty$'
//
// HPYLS_PROPERTY_SEED=n replays the single seed n (a failure names it).

func TestIncrementalProperty(t *testing.T) {
	edits := testenv.Count(t, "HPYLS_PROPERTY_EDITS", 15)
	seeds := []int64{1, 2}
	if n := testenv.Count(t, "HPYLS_PROPERTY_SEEDS", 0); n > 0 {
		seeds = seeds[:0]
		for i := 1; i <= n; i++ {
			seeds = append(seeds, int64(i))
		}
	}
	if v := os.Getenv("HPYLS_PROPERTY_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("HPYLS_PROPERTY_SEED=%q: want a number", v)
		}
		seeds = []int64{n}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) { checkProperty(t, seed, edits) })
	}
}

// checkProperty drives a server through the given number of bursts of
// seed's edits, comparing after each.
func checkProperty(t *testing.T, seed int64, edits int) (moved int64) {
	p := newPropRun(t, seed, nil)
	codes := map[string]int{}
	for i := 0; i < edits; i++ {
		p.step(p.burst())
		if d := p.compare(); d != "" {
			t.Fatal(p.failure(d))
		}
		for _, ds := range p.lastFresh {
			for _, d := range ds {
				codes[string(d.Code.(protocol.String))]++
			}
		}
	}
	// A comparison of empty lists proves nothing: the workspace and its
	// edits must keep rules firing.
	if len(codes) < 2 {
		t.Fatalf("seed %d: the fresh analyses found %v: too few kinds of findings to test the server", seed, codes)
	}
	t.Logf("seed %d: %d steps agreed (%d of %d runs moved the findings); edits by kind: %v; findings compared, by code: %v", seed, len(p.history), p.moved.Load(), p.runs.Load(), p.kinds, codes)
	return p.moved.Load()
}

// Seeds on which the property fails because of the incremental facts of
// analysis/cfacts's Document, outside the server: each replays its seed
// past the first mismatch. Drop the skip once the Document agrees with
// a fresh parse.

// Seeds the property test once failed on, kept as regressions: "/*" typed
// into an open source left the CPython references after it in the
// incremental facts (cfacts.TestDocumentOpenCommentHidesLaterReferences);
// after many edits HPY004 named the construct the incremental parse's error
// recovery found, not a fresh parse's (cfacts.Document.freshGap).
func TestIncrementalPropertyRegressions(t *testing.T) {
	var moved int64
	for _, c := range []struct{ seed, edits int64 }{{37, 4}, {25, 5}, {38, 300}} {
		t.Run(fmt.Sprintf("seed%d", c.seed), func(t *testing.T) { moved += checkProperty(t, c.seed, int(c.edits)) })
	}
	// The engine moves findings through quiet edits (analysis/moved.go):
	// runs that never do say nothing of that path.
	if moved == 0 && !t.Failed() {
		t.Fatal("no run moved the previous findings: the edits never reach the engine's moving path")
	}
}

// propRun is one server driven by one seed's edits.
type propRun struct {
	t       *testing.T
	seed    int64
	rng     *rand.Rand
	w       *propWorkspace
	c       *client
	runs    *atomic.Int64 // engine runs the server started
	moved   *atomic.Int64 // of which moved the previous findings (analysis.Result.Moved)
	history []string
	kinds   map[string]int // steps by the edit model's name
	// lastFresh is the last fresh analysis, as converted diagnostics.
	lastFresh map[string][]protocol.Diagnostic
}

// newPropRun generates the workspace, starts a server on it and opens
// some of its files. wrap, when set, wraps the server's engine (the stale
// cache test's seam).
func newPropRun(t *testing.T, seed int64, wrap func(analysisRun) analysisRun) *propRun {
	t.Helper()
	p := &propRun{t: t, seed: seed, rng: rand.New(rand.NewSource(seed)), runs: &atomic.Int64{}, moved: &atomic.Int64{}, kinds: map[string]int{}}
	root := filepath.Join(t.TempDir(), "ws")
	w, err := genWorkspace(p.rng, root)
	if err != nil {
		t.Fatal(err)
	}
	p.w = w
	st := setup{
		caps:    pushCaps(),
		folders: []string{root},
		// The server logs every run at debug level: through t.Log that
		// is most of the test's time and output.
		log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		tweak: func(s *Server) {
			run := s.run
			if wrap != nil {
				run = wrap(run)
			}
			s.run = func(ctx context.Context, snap *source.Snapshot, opts analysis.Options) *analysis.Result {
				p.runs.Add(1)
				res := run(ctx, snap, opts)
				if res != nil && res.Moved {
					p.moved.Add(1)
				}
				return res
			}
		},
	}
	p.c = startServer(t, st)
	// The harness's initialize sends no trace setting; the traces say
	// when a run's publications are all out (settle).
	params := protocol.InitializeParams{Capabilities: st.caps, Trace: protocol.TraceValueVerbose}
	params.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(root), Name: "ws"}})
	var res protocol.InitializeResult
	p.c.call(protocol.MethodInitialize, &params, &res)
	p.c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	var opens []propEdit
	for _, rel := range append(w.cFiles(), "setup.py") {
		if p.rng.Intn(2) == 0 {
			e := propEdit{kind: "open", path: rel}
			w.apply(&e)
			opens = append(opens, e)
		}
	}
	p.step(opens)
	return p
}

type analysisRun = func(ctx context.Context, snap *source.Snapshot, opts analysis.Options) *analysis.Result

// burst is the next one to three edits: more than one is sent without
// waiting, so runs are superseded and cancelled as when typing fast.
func (p *propRun) burst() []propEdit {
	n := 1
	if p.rng.Intn(4) == 0 {
		n += 1 + p.rng.Intn(2)
	}
	out := make([]propEdit, n)
	for i := range out {
		out[i] = p.w.nextEdit(p.rng)
		p.w.apply(&out[i]) // the next edit is drawn on the text after this one
	}
	return out
}

// apply changes the model (a buffer when open, else the disk) and records
// in e what the client sends for it, as of the text before it.
func (w *propWorkspace) apply(e *propEdit) {
	switch e.kind {
	case "open":
		w.buf[e.path], w.version[e.path] = w.disk[e.path], 1
		e.sent = w.disk[e.path]
	case "close":
		delete(w.buf, e.path) // unsaved edits are lost: the disk is the text again
	case "edit":
		s := w.text(e.path)
		e.lspRange = protocol.Range{Start: positionAt(s, e.start), End: positionAt(s, e.end)}
		s = s[:e.start] + e.text + s[e.end:]
		if _, open := w.buf[e.path]; open {
			w.buf[e.path] = s
			w.version[e.path]++
			e.buffer, e.version = true, w.version[e.path]
		} else {
			w.disk[e.path] = s
			e.sent = s
		}
	}
}

// positionAt is the LSP position of a byte offset; the generated texts
// are ASCII, so a column in bytes is one in UTF-16 units.
func positionAt(s string, off int) protocol.Position {
	line := strings.Count(s[:off], "\n")
	col := off - (strings.LastIndexByte(s[:off], '\n') + 1)
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}

// step sends edits already applied to the model, then waits until the
// server has published for all of them.
func (p *propRun) step(edits []propEdit) {
	p.t.Helper()
	for _, e := range edits {
		p.history = append(p.history, e.String())
		if e.kind == "edit" {
			p.kinds[e.what]++
		} else {
			p.kinds[e.kind]++
		}
		p.send(e)
	}
	p.settle()
}

// send tells the server of one edit applied to the model.
func (p *propRun) send(e propEdit) {
	p.t.Helper()
	w, c := p.w, p.c
	abs := filepath.Join(w.root, filepath.FromSlash(e.path))
	u := uri.File(abs)
	switch e.kind {
	case "open":
		c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
			URI: u, LanguageID: languageOf(abs), Version: 1, Text: e.sent,
		}})
	case "close":
		c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	case "edit":
		if e.buffer {
			c.change(u, e.version, e.lspRange, e.text)
			return
		}
		if err := os.WriteFile(abs, []byte(e.sent), 0o644); err != nil {
			p.t.Fatal(err)
		}
		c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: u, Type: protocol.FileChangeTypeChanged}}})
	}
}

// settle waits until the server's analysis covers every change sent and
// what it found is published. A pull request returns once the folder's
// result covers every change (textsync runs on the read loop, before the
// request is read); the publications of that run precede its "analysed"
// trace on the wire, and every run the engine started ends in such a
// trace or a "discarded" one, so when the traces match the runs started,
// nothing is left to publish.
func (p *propRun) settle() {
	p.t.Helper()
	// The pull makes the run skip the debounce; half the time the
	// debounced path (and runs superseded by a burst's later edits) gets
	// a chance first.
	if p.rng.Intn(2) == 0 {
		time.Sleep(time.Duration(p.rng.Intn(15)) * time.Millisecond)
	}
	var r protocol.DocumentDiagnosticReport
	p.c.call(protocol.MethodTextDocumentDiagnostic, &protocol.DocumentDiagnosticParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(filepath.Join(p.w.root, "setup.py"))},
	}, &r)
	// Should the server ever end a run without one of these traces (or
	// trace a run it did not start), this wait times out: update it.
	p.c.waitFor("every engine run to end in an \"analysed\" or \"discarded\" trace", func() bool {
		ended := 0
		for _, m := range p.c.traces {
			if strings.HasPrefix(m, "analysed ") || strings.HasPrefix(m, "discarded the run") {
				ended++
			}
		}
		return int64(ended) == p.runs.Load()
	})
}

// compare returns a diff of the published diagnostics against a fresh
// analysis, "" when they agree.
func (p *propRun) compare() string {
	p.t.Helper()
	got := p.published()
	want, err := p.fresh()
	if err != nil {
		p.t.Fatal(err)
	}
	return diffDiagnostics(got, want)
}

// published is the latest publication for every file, as JSON lines.
func (p *propRun) published() map[string][]string {
	out := map[string][]string{}
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	for _, pub := range p.c.pubs {
		out[p.relOf(pub.URI)] = diagLines(pub.Diagnostics)
	}
	return out
}

func (p *propRun) relOf(u uri.URI) string {
	rel, err := filepath.Rel(p.w.root, fsPath(u))
	if err != nil {
		return string(u)
	}
	return filepath.ToSlash(rel)
}

// fresh analyses the model's texts from scratch with the options the
// server derives for the folder (projectConfig and merge, as scheduler.go
// does; the client sends no settings), and renders them through the
// server's fileDiagnostics.
func (p *propRun) fresh() (map[string][]string, error) {
	w, s := p.w, p.c.srv
	var files []*source.File
	for _, rel := range w.paths() {
		files = append(files, &source.File{Path: rel, Content: []byte(w.text(rel))})
	}
	snap := source.NewSnapshot(w.root, files)
	project, err := projectConfig(w.root, func(abs string) ([]byte, bool) {
		rel, err := filepath.Rel(w.root, abs)
		if err != nil {
			return nil, false
		}
		if _, ok := w.disk[filepath.ToSlash(rel)]; !ok {
			return nil, false
		}
		return []byte(w.text(filepath.ToSlash(rel))), true
	})
	if err != nil {
		return nil, err
	}
	eff := merge(w.root, project, nil)
	snap.Exclude = eff.exclude
	res := analysis.Run(context.Background(), snap, eff.opts)
	if len(res.Failures) > 0 {
		return nil, fmt.Errorf("fresh analysis failed: %s", strings.Join(res.Failures, "\n"))
	}
	f := newFolder(uri.File(w.root), w.root, false)
	o := &outcome{folder: f, snap: snap, res: res, opts: eff.opts, versions: map[string]int32{}, diags: map[string][]diag.Diagnostic{}}
	for rel, v := range w.version {
		if _, open := w.buf[rel]; open {
			o.versions[f.abs(rel)] = v
		}
	}
	// The server's placement of findings (scheduler.go): every finding in
	// the file it names, the details of a summary in open files only.
	// With no symbolic link in the workspace a file has one name, so the
	// aliasing of alias.go is the identity here.
	for _, d := range res.Diagnostics {
		abs := f.abs(d.Location.Path)
		if _, open := o.versions[abs]; shown(d, open) {
			o.diags[abs] = append(o.diags[abs], d)
		}
	}
	out := map[string][]string{}
	p.lastFresh = map[string][]protocol.Diagnostic{}
	for abs := range o.diags {
		ds, _ := s.fileDiagnostics(o, abs)
		out[f.rel(abs)] = diagLines(ds)
		p.lastFresh[f.rel(abs)] = ds
	}
	return out, nil
}

func diagLines(ds []protocol.Diagnostic) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		raw, err := protocol.Marshal(d)
		if err != nil {
			raw = []byte(fmt.Sprint(d))
		}
		out = append(out, string(raw))
	}
	return out
}

// diffDiagnostics lists, per file, the diagnostics only the server
// published (-) and only the fresh analysis found (+). Order counts: the
// engine sorts its findings, and so must the server's.
func diffDiagnostics(got, want map[string][]string) string {
	paths := map[string]bool{}
	for p := range got {
		paths[p] = true
	}
	for p := range want {
		paths[p] = true
	}
	var sorted []string
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)
	var b strings.Builder
	for _, p := range sorted {
		g, w := got[p], want[p]
		if strings.Join(g, "\n") == strings.Join(w, "\n") {
			continue
		}
		start := b.Len()
		fmt.Fprintf(&b, "%s:\n", p)
		inW := map[string]int{}
		for _, l := range w {
			inW[l]++
		}
		inG := map[string]int{}
		for _, l := range g {
			inG[l]++
		}
		for _, l := range g {
			if inW[l] == 0 {
				fmt.Fprintf(&b, "  - published only: %s\n", l)
			} else {
				inW[l]--
			}
		}
		for _, l := range w {
			if inG[l] == 0 {
				fmt.Fprintf(&b, "  + fresh only:     %s\n", l)
			} else {
				inG[l]--
			}
		}
		if len(g) == len(w) && !strings.Contains(b.String()[start:], "only:") {
			fmt.Fprintf(&b, "  (same findings, different order)\n")
		}
	}
	return b.String()
}

// failure names the seed, the edits so far and the diff.
func (p *propRun) failure(diff string) string {
	return fmt.Sprintf("seed %d (replay: HPYLS_PROPERTY_SEED=%d): published diagnostics differ from a fresh analysis after %d steps:\n%s\nsteps:\n  %s",
		p.seed, p.seed, len(p.history), diff, strings.Join(p.history, "\n  "))
}

// TestIncrementalPropertyCatchesStaleFacts shows the comparison can fail:
// the server's engine is handed, for one open buffer, the facts of the
// text it had when the injection began (a cache entry never invalidated),
// and one edit of that buffer later the published diagnostics must differ
// from a fresh analysis. The same edits on an honest server agree.
func TestIncrementalPropertyCatchesStaleFacts(t *testing.T) {
	const victim = "ext0/src0.c"
	var (
		mu     sync.Mutex
		inject bool
		frozen *cfacts.Facts
	)
	stale := func(run analysisRun) analysisRun {
		return func(ctx context.Context, snap *source.Snapshot, opts analysis.Options) *analysis.Result {
			mu.Lock()
			if f := opts.Provided[victim]; inject && f != nil {
				if frozen == nil {
					frozen = f
				}
				provided := maps.Clone(opts.Provided)
				provided[victim] = frozen
				opts.Provided = provided
			}
			mu.Unlock()
			return run(ctx, snap, opts)
		}
	}
	// A seed whose project pins the universal ABI, where a CPython
	// reference is a finding whatever the interpreter.
	seed := int64(1)
	for ; ; seed++ {
		w, err := genWorkspace(rand.New(rand.NewSource(seed)), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(w.disk["setup.py"], "hpy_abi=\"universal\"") {
			break
		}
	}
	edits := func(p *propRun) {
		t.Helper()
		if _, open := p.w.buf[victim]; !open {
			e := propEdit{kind: "open", path: victim}
			p.w.apply(&e)
			p.step([]propEdit{e})
		}
		mu.Lock()
		inject = true
		mu.Unlock()
		body := bodyStarts(p.w.text(victim))[0]
		e := insertAt(victim, body, "    Py_INCREF(Py_None);\n", "CPython reference")
		p.w.apply(&e)
		p.step([]propEdit{e})
	}

	honest := newPropRun(t, seed, nil)
	edits(honest)
	if d := honest.compare(); d != "" {
		t.Fatalf("without the stale entry the server disagrees already:\n%s", honest.failure(d))
	}
	injected := newPropRun(t, seed, stale)
	edits(injected)
	d := injected.compare()
	if d == "" {
		t.Fatal("the server analysed the buffer with facts of an older text, and the comparison did not notice")
	}
	if !strings.Contains(d, victim+":") {
		t.Errorf("the mismatch should be in %s, the buffer with stale facts:\n%s", victim, d)
	}
	t.Logf("caught as expected:\n%s", injected.failure(d))
}
