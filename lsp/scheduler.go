package lsp

import (
	"bytes"
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
	"github.com/hpyproject/hpylint/analysis/tsalloc"
)

// Analysis runs on one worker goroutine, never on the read loop: edits
// bump a folder's generation and poke the worker, which waits until the
// edits pause (the debounce), then analyses every folder whose generation
// moved. A result is kept only if nothing changed during its run, so a
// stale result is never published or answered from.

// poke wakes the worker without blocking.
func (s *Server) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// changedLocked records a change reaching f: the running analysis (now
// stale) is cancelled and the worker woken. urgent skips the debounce.
func (s *Server) changedLocked(f *folder, urgent bool) {
	f.gen++
	s.lastChange = s.clock.Now()
	if urgent {
		s.urgent = true
	}
	if s.cancelRun != nil && s.running == f {
		s.cancelRun() // its result would be dropped anyway
	}
	s.poke()
}

func (s *Server) changedAllLocked(urgent bool) {
	for _, f := range s.folders {
		s.changedLocked(f, urgent)
	}
}

func (s *Server) worker() {
	// The server ends when the worker does: with no idle work left.
	defer s.idleRunning.Wait()
	first := true
	gc := newIdleCollector()
	var idle <-chan time.Time // armed after work, for an idle collection
	var gaps idleGaps
	var done time.Time // when the last work ended
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-idle:
			idle = nil
			s.idleWork(gc)
			continue
		case <-s.wake:
			if !done.IsZero() {
				gaps.add(time.Since(done))
				done = time.Time{}
			}
		}
		if !s.waitQuiet() {
			return
		}
		if first { // settings pulled at start apply to the first run
			first = false
			select {
			case <-s.configured:
			case <-time.After(time.Second):
			case <-s.ctx.Done():
				return
			}
		}
		for {
			f := s.nextFolder()
			if f == nil {
				break
			}
			if !s.analyse(f) {
				// Edits came during the run: wait for them to pause again
				// rather than chase every keystroke.
				s.poke()
				break
			}
			s.buildAskedModel(f)
			// An edit that came as the run ended waits like any other.
			if !s.waitQuiet() {
				return
			}
		}
		idle, done = time.After(gaps.delay()), time.Now()
	}
}

// idleWork builds the models the last runs left for later and collects
// garbage when due (idlegc.go), beside the worker: in a workspace of
// 2,000 files the two take 20 to 30 ms, and a key typed meanwhile waited
// for all of it. A key now starts its run at once, beside the
// collection. One idle work at a time: the collector's measurements are
// its own.
func (s *Server) idleWork(gc *idleCollector) {
	if !s.idling.CompareAndSwap(false, true) {
		return
	}
	s.idleRunning.Go(func() {
		defer s.idling.Store(false)
		if hook := idleWorkHook.Load(); hook != nil {
			(*hook)()
		}
		s.prebuildModels()
		if gc.collectIfDue() {
			s.log.Debug("collected garbage while idle")
		}
	})
}

// idleWorkHook, set by tests only, runs as idle work starts.
var idleWorkHook atomic.Pointer[func()]

// waitQuiet waits until no change came for the debounce delay, or a
// request needs a result now.
func (s *Server) waitQuiet() bool {
	for {
		s.mu.Lock()
		wait := s.debounceLocked() - s.clock.Now().Sub(s.lastChange)
		if s.urgent {
			wait, s.urgent = 0, false
		}
		s.mu.Unlock()
		if wait <= 0 {
			return true
		}
		fire, stop := s.clock.Timer(wait)
		select {
		case <-s.ctx.Done():
			stop()
			return false
		case <-s.wake:
			stop()
		case <-fire:
		}
	}
}

// nextFolder is a folder with changes not analysed yet.
func (s *Server) nextFolder() *folder {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.phase == phaseShutdown {
		return nil
	}
	for _, f := range s.folders {
		if f.removed || f.gen != f.doneGen {
			return f
		}
	}
	return nil
}

// snapshotDoc is an open buffer's state taken for one run.
type snapshotDoc struct {
	doc     *document
	content []byte
	version int32
	lines   *textpos.Index
	facts   *cfacts.Facts
	edited  uint64 // document.lastEdit
	real    string // realPath of the buffer's path
}

// analyse runs the analysis of one folder and publishes it; false when a
// change made during the run made its result stale.
func (s *Server) analyse(f *folder) bool {
	s.mu.Lock()
	if f.removed {
		s.folders = removeFolder(s.folders, f)
		delete(s.costs, f)
		close(f.analysed) // nobody waits on a folder that is gone
		f.analysed = make(chan struct{})
		s.mu.Unlock()
		s.clearPublished(f)
		return true
	}
	gen, edits := f.gen, f.edits
	stale, refresh := f.stale || f.disk == nil, f.refresh
	f.stale, f.refresh = false, nil
	var docs []*document
	for _, d := range s.docs {
		if s.ownerLocked(d.path) == f {
			docs = append(docs, d)
		}
	}
	settings := s.settingsForLocked(f)
	var previous *analysis.Result
	if f.last != nil {
		previous = f.last.res
	}
	ctx, cancel := context.WithCancel(s.ctx)
	s.cancelRun, s.running = cancel, f
	s.mu.Unlock()
	defer cancel()
	s.setStage(stageBuffers)
	start, began := time.Now(), s.clock.Now()

	// Take the buffers first: their facts come up to date here, off the
	// read loop, one incremental reparse each.
	var taken []snapshotDoc
	overlay := map[string][]byte{}
	for _, d := range docs {
		content, version, lines, facts := d.state()
		taken = append(taken, snapshotDoc{d, content, version, lines, facts, d.lastEdit(), realPath(d.path)})
		overlay[d.path] = content
	}
	byEdit(taken)
	tookState := time.Since(start)
	s.setStage(stageConfig)
	project, cfgErr := projectConfig(f.root, func(p string) ([]byte, bool) { c, ok := overlay[p]; return c, ok })
	if cfgErr != nil {
		s.showOnce(protocol.MessageTypeWarning, "hpylint: invalid configuration (the valid settings still apply):\n"+cfgErr.Error())
	}
	eff := merge(f.root, project, settings.cfg)

	s.setStage(stageLoad)
	if !stale && len(refresh) > 0 {
		if snap, ok := refreshed(f, refresh); ok {
			f.disk = snap
			f.lines.forget()
		} else {
			stale = true
		}
	}
	readDisk := stale || eff.excludeKey != f.excludeKey
	if readDisk {
		var paths []string
		for _, d := range docs {
			paths = append(paths, d.path)
		}
		f.disk = s.load(f, eff.exclude, paths)
		f.lines.forget()
		f.excludeKey = eff.excludeKey
	}

	files := make([]*source.File, 0, len(taken))
	provided := map[string]*cfacts.Facts{}
	versions, uris, indexes := map[string]int32{}, map[string]uri.URI{}, map[string]*textpos.Index{}
	read := map[string]snapshotDoc{} // by real path: the buffer that is the file's text
	shadowed := map[string]bool{}
	names := openNames{}
	for _, t := range taken {
		if t.real != "" {
			read[t.real] = t // taken is in edit order: the last edited wins
		}
		names.add(t.real, f.rel(t.doc.path))
	}
	for _, t := range taken {
		rel := f.rel(t.doc.path)
		lines, facts := t.lines, t.facts
		if w, ok := read[t.real]; ok && w.doc != t.doc {
			// Both names of one file are open with different unsaved
			// texts: the one edited last is the file's text, and what is
			// published under this name is placed in that text.
			lines, facts = w.lines, nil
			if !bytes.Equal(w.content, t.content) {
				shadowed[t.doc.path] = true
			}
		}
		indexes[rel] = lines
		files = append(files, &source.File{Path: rel, Content: t.content, Real: t.real})
		if facts != nil {
			provided[rel] = facts
		}
		versions[t.doc.path], uris[t.doc.path] = t.version, t.doc.uri
	}
	snap := f.disk.WithShared(files...)
	snap.Exclude = eff.exclude
	opts := eff.opts
	opts.Cache, opts.Configs, opts.Provided, opts.Lines = s.cache, f.configs, provided, indexes
	opts.Previous = previous        // its findings move through a quiet edit
	opts.Open = openFiles(f, taken) // details are shown only there

	opts.ModelBuilt = func(p *model.Project) {
		s.recordModel(f, &outcome{folder: f, gen: gen, edits: edits, snap: snap, res: &analysis.Result{Project: p}, versions: versions, uris: uris, indexes: indexes, shadowed: shadowed})
	}

	s.setStage(stageRules)
	runStart := time.Now()
	tookSetup := runStart.Sub(start) - tookState
	res, failure := s.safeRun(ctx, snap, opts)
	tookRun := time.Since(runStart)
	opts.Previous = nil // a fix-all's run starts from this one, not the one before
	opts.ModelBuilt = nil
	out := &outcome{folder: f, gen: gen, edits: edits, snap: snap, res: res, opts: opts, versions: versions, uris: uris, indexes: indexes, shadowed: shadowed, diags: map[string][]diag.Diagnostic{}}
	var failures []string
	if failure != "" {
		failures = append(failures, failure)
	}
	if res != nil {
		failures = append(failures, res.Failures...)
	}

	retainConfigs(f.configs, snap)
	if stale {
		s.retainFacts(f, snap)
	}

	s.mu.Lock()
	s.cancelRun, s.running = nil, nil
	// A run that read the folder from disk or parsed a buffer just opened
	// says nothing of what an edit costs, and leaves much garbage. Nor do
	// the costs measured before it: the edits to come are of other text
	// (a file just opened: a fix in another file, whose run of the rules
	// cost 19 ms in numpy-hpy, delayed the first key typed in the next
	// file opened by 14 ms). The debounce starts from zero again.
	afresh := readDisk || parsesAfresh(f.last, taken)
	if afresh {
		delete(s.costs, f)
	} else {
		s.recordCostLocked(f, f.gen == gen, s.clock.Now().Sub(began))
	}
	if f.gen != gen || s.phase == phaseShutdown {
		f.modelOnly = nil
		s.mu.Unlock()
		s.tracef("discarded the run of %s: superseded by a newer change", f.root)
		return false
	}
	if res != nil {
		// Findings come sorted by path: where a path's findings go is
		// worked out once for all of them (numpy-hpy has 11,000), and
		// each file's list is sized for them, not grown finding by
		// finding (numpy-hpy's open file has 1,200, copied over again at
		// each growth on every key).
		ds := res.Diagnostics
		for i := 0; i < len(ds); {
			path := ds[i].Location.Path
			j := i + 1
			for j < len(ds) && ds[j].Location.Path == path {
				j++
			}
			for _, h := range s.homesLocked(f, snap, names, versions, path) {
				list := slices.Grow(out.diags[h.abs], j-i)
				for _, d := range ds[i:j] {
					if shown(d, h.open) {
						list = append(list, rehome(d, path, h.rel))
					}
				}
				if len(list) > 0 { // a file with no finding shown has no entry
					out.diags[h.abs] = list
				}
			}
			i = j
		}
	}
	replaced := f.last
	f.last, f.doneGen, f.modelOnly = out, gen, nil
	close(f.analysed)
	f.analysed = make(chan struct{})
	woken := s.handOverLocked(f)
	s.mu.Unlock()
	s.buildAskedModelAside(f)
	if waited := s.letAnswer(woken); waited > 0 {
		s.tracef("let the requests that waited for the run of %s answer before its publications (%v)", f.root, waited.Round(time.Microsecond))
	}
	if replaced != nil {
		replaced.fixAlls.stop()
	}

	for _, msg := range failures {
		s.internalFailure(msg)
	}
	n, how := 0, "rules run"
	var tookPublish time.Duration
	published := 0
	if res != nil {
		n = len(res.Diagnostics)
		switch {
		case res.Moved:
			how = "findings moved"
		case res.NotMoved != "":
			how = "rules run: " + res.NotMoved
		}
		if res.Kept > 0 {
			how += fmt.Sprintf("; %d results of the run before kept", res.Kept)
		}
		if afresh {
			// The folder's first run read, parsed and analysed the whole
			// workspace, and the collection its garbage brings close would
			// fall on the first keys typed, which an editor sends as soon
			// as the first findings show. Collected now, before the first
			// publication (a few ms of an opening of hundreds), the first
			// keys start from a fresh heap goal. The same holds for a run
			// that parsed a file just opened (a 1 MB file is parsed whole),
			// or read the folder from disk again.
			s.collect()
		}
		publishStart := time.Now()
		published = s.publish(out)
		tookPublish = time.Since(publishStart)
	}
	// The trees this run's reparses freed stay in the C heap otherwise, and
	// a long session's footprint creeps up (bench/lsp-latency, 2,000 edits).
	tsalloc.Trim()
	s.tracef("analysed %s in %v (buffers %v, config and snapshot %v, engine %v, publish %v of %d files, %s): %d open buffers, %d findings",
		f.root, time.Since(start).Round(time.Microsecond), tookState.Round(time.Microsecond), tookSetup.Round(time.Microsecond), tookRun.Round(time.Microsecond), tookPublish.Round(time.Microsecond), published, how, len(taken), n)
	return true
}

// home is a name under which a file's findings are published.
type home struct {
	rel, abs string
	open     bool
}

// homesLocked are the names of the file at path that f publishes under;
// never nil, so that a caller can tell it from not yet asked.
func (s *Server) homesLocked(f *folder, snap *source.Snapshot, names openNames, versions map[string]int32, path string) []home {
	out := []home{}
	for _, rel := range names.of(snap, path) {
		abs := f.abs(rel)
		if s.ownerLocked(abs) == f {
			_, open := versions[abs]
			out = append(out, home{rel, abs, open})
		}
	}
	return out
}

// recordCostLocked feeds a run's wall time to the folder's debounce.
func (s *Server) recordCostLocked(f *folder, kept bool, took time.Duration) {
	c := s.costs[f]
	if c == nil {
		c = &runCosts{}
		s.costs[f] = c
	}
	if kept {
		c.completed(took)
	} else {
		c.superseded(took)
	}
}

// parsesAfresh reports whether a run took a buffer the last kept run did
// not have, one just opened: its first parse costs far more than the edits
// that follow, as does reading the folder from disk (the first run, files
// changed outside the editor), so neither run says what an edit costs.
func parsesAfresh(last *outcome, taken []snapshotDoc) bool {
	if last == nil {
		return true
	}
	for _, t := range taken {
		if _, ok := last.versions[t.doc.path]; !ok {
			return true
		}
	}
	return false
}

// safeRun keeps a panic outside the rules (which the engine recovers
// itself) from taking the server down.
func (s *Server) safeRun(ctx context.Context, snap *source.Snapshot, opts analysis.Options) (res *analysis.Result, failure string) {
	defer func() {
		if r := recover(); r != nil {
			res, failure = nil, fmt.Sprintf("analysis failed: %v\n%s", r, debug.Stack())
		}
	}()
	return s.run(ctx, snap, opts), ""
}

// clearPublished empties every diagnostic list a removed folder published.
func (s *Server) clearPublished(f *folder) {
	paths := make([]string, 0, len(f.published))
	for p := range f.published {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		_ = s.client.PublishDiagnostics(s.ctx, &protocol.PublishDiagnosticsParams{URI: uri.File(p), Diagnostics: []protocol.Diagnostic{}})
	}
	f.published = map[string]published{}
}

func removeFolder(fs []*folder, f *folder) []*folder {
	out := fs[:0]
	for _, g := range fs {
		if g != f {
			out = append(out, g)
		}
	}
	return out
}

// retainFacts drops cached facts of contents no run uses any more, after a
// folder was read from disk again, so a long session does not grow without
// bound. What a run used is in its snapshot, headers and sources read on
// demand included; the other folders keep what their last run used.
func (s *Server) retainFacts(f *folder, snap *source.Snapshot) {
	snaps := []*source.Snapshot{snap}
	s.mu.Lock()
	for _, g := range s.folders {
		if g != f && g.last != nil {
			snaps = append(snaps, g.last.snap)
		}
	}
	s.mu.Unlock()
	keep := map[[32]byte]bool{}
	for _, sn := range snaps {
		for _, p := range sn.Paths() {
			if file := sn.File(p); file != nil && isCSource(p) {
				keep[file.Hash()] = true
			}
		}
	}
	s.cache.Retain(keep)
}

// retainConfigs keeps the cached build configs of this run only: each
// keystroke in an open setup.py makes a new content.
func retainConfigs(c *analysis.ConfigCache, snap *source.Snapshot) {
	keep := map[string][32]byte{}
	for _, p := range snap.Paths() {
		if analysis.IsBuildConfig(p) {
			if f := snap.File(p); f != nil {
				keep[p] = f.Hash()
			}
		}
	}
	c.Retain(keep)
}

func isCSource(p string) bool { _, ok := cfacts.LangOf(p); return ok }

// current waits until the folder's analysis covers every change made so
// far, and returns it. Requests use it so their answers match the text the
// client has now; waiting makes the run skip the debounce. An analysis
// stuck (on a file that never finishes reading, say) must not hold every
// request with it: after s.answerWithin the request is answered from the
// folder's last completed run, or fails naming what the analysis is doing.
func (s *Server) current(ctx context.Context, f *folder) (*outcome, error) {
	return s.currentBy(ctx, f, time.Now().Add(s.answerWithin))
}

// currentBy is current with the bound given as a deadline, for a request
// that needs several folders and must not wait the bound for each.
func (s *Server) currentBy(ctx context.Context, f *folder, deadline time.Time) (*outcome, error) {
	return s.currentOrModelBy(ctx, f, deadline, false)
}

// currentOrModelBy is currentBy; with modelOnly, the current run's model
// answers as soon as it is built, before the run's findings.
func (s *Server) currentOrModelBy(ctx context.Context, f *folder, deadline time.Time, modelOnly bool) (*outcome, error) {
	bound := time.NewTimer(time.Until(deadline))
	defer bound.Stop()
	for {
		s.mu.Lock()
		if f.removed {
			s.mu.Unlock()
			return nil, nil
		}
		if f.doneGen == f.gen && f.last != nil {
			o := f.last
			s.mu.Unlock()
			return o, nil
		}
		if m := f.modelOnly; modelOnly && m != nil && m.gen == f.gen {
			s.mu.Unlock()
			return m, nil
		}
		ch, built := f.analysed, f.modelBuilt
		if !modelOnly {
			built = nil // never ready
		}
		s.urgent = true
		s.holdLocked(ctx, f)
		s.mu.Unlock()
		s.poke()
		select {
		case <-ctx.Done():
			return nil, protocol.ErrRequestCancelled
		case <-s.ctx.Done():
			return nil, protocol.ErrRequestCancelled
		case <-ch:
		case <-built:
		case <-bound.C:
			return s.overdue(f)
		}
	}
}

// overdue is current's answer once the bound passed: the last completed
// run, older than the client's text, or an error naming the cause.
func (s *Server) overdue(f *folder) (*outcome, error) {
	s.mu.Lock()
	last, busy, removed := f.last, s.busyLocked(f), f.removed
	s.mu.Unlock()
	if removed {
		return nil, nil
	}
	if last != nil {
		s.log.Warn("answering from an earlier analysis", "folder", f.root, "cause", busy)
		return last, nil
	}
	return nil, jsonrpc2.NewError(jsonrpc2.Code(protocol.LSPErrorCodesRequestFailed),
		fmt.Sprintf("hpyls: no analysis of %s within %v: %s", f.root, s.answerWithin, busy))
}

// Stages of a run, for the message of a request that could not wait.
const (
	stageBuffers = "reading the open buffers"
	stageConfig  = "reading the project's configuration"
	stageLoad    = "reading the folder from disk"
	stageRules   = "running the rules"
	// Not a stage of the worker's runs: a fix-all analysing its fixed
	// text again, for the tests' stall seam.
	stageFixAllRerun = "re-analysing fixed text for a fix-all"
)

// setStage records what the run in progress is doing now.
func (s *Server) setStage(stage string) {
	s.mu.Lock()
	s.stage, s.stageSince = stage, time.Now()
	s.mu.Unlock()
	s.stallAt(stage)
}

// stallAt calls the tests' stall seam, if set.
func (s *Server) stallAt(stage string) {
	s.mu.Lock()
	stall := s.stall
	s.mu.Unlock()
	if stall != nil {
		stall(stage)
	}
}

// busyLocked says why f has no current result: what the worker is doing.
func (s *Server) busyLocked(f *folder) string {
	switch {
	case s.running == f:
		return fmt.Sprintf("its analysis has been %s for %v", s.stage, time.Since(s.stageSince).Round(time.Millisecond))
	case s.running != nil:
		return fmt.Sprintf("it waits for the analysis of %s, which has been %s for %v", s.running.root, s.stage, time.Since(s.stageSince).Round(time.Millisecond))
	}
	return "its analysis has not started"
}
