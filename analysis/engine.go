package analysis

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/suppress"
)

// Result is what one run found.
type Result struct {
	Diagnostics []diag.Diagnostic
	// Files counts the files analysed: build configs and C/C++ files.
	Files int
	// read counts the files read (Read).
	read *readCount
	// Failures are internal errors (a rule that panicked); the other rules'
	// findings are still in Diagnostics.
	Failures []string
	// Project is the model the rules ran on; nil when the run moved the
	// previous run's findings (Moved): Model builds it then.
	Project *model.Project
	// Moved is set when the findings are the previous run's
	// (Options.Previous) moved through an edit that changed nothing a rule
	// reads, the rules not run again.
	Moved bool
	// NotMoved says why a run given a previous one ran the rules instead.
	NotMoved string
	// Kept counts the per-file results of the previous run's rules this
	// run kept (rules.Carry).
	Kept  int
	state *runState
	built sync.Once
	ready atomic.Bool // Model has its result
}

// Model is the project model of the run's snapshot: Project, or for a
// moved run one built on first use (without running the rules).
func (r *Result) Model() *model.Project {
	r.built.Do(func() {
		if r.Project == nil && r.state != nil && r.state.rebuild != nil {
			r.Project = r.state.rebuild()
		}
		r.ready.Store(true)
	})
	return r.Project
}

// ModelReady reports whether Model would answer without building.
// A moved run's Project is written by Model, so it is read here only
// through ready, which Model sets after writing it.
func (r *Result) ModelReady() bool { return !r.Moved && r.Project != nil || r.ready.Load() }

// Run analyses a snapshot. With opts.Previous set, it first tries to move
// that run's findings through the edits made since (see moved.go).
func Run(ctx context.Context, snap *source.Snapshot, opts Options) *Result {
	moved, why := moveResult(opts.Previous, snap, &opts)
	if moved != nil {
		return moved
	}
	from := inheritFrom(opts.Previous, snap, &opts)
	if from.carry != nil {
		warmChanged(snap, opts.Previous, opts.Provided, declaredNames)
	}
	// The model keeps opts (to parse on demand): keeping Previous there
	// would keep every run before it too.
	opts.Previous = nil
	res := &Result{NotMoved: why}
	scans := model.NewScans(from.scans, snap)
	if opts.Prefetch != nil && from.scans == nil {
		scans = opts.Prefetch.scans // what it scanned of the files as they were read
	}
	m := buildModel(ctx, snap, &opts, scans, from.model)
	opts.Prefetch = nil // taken over; the model keeps opts
	if built := opts.ModelBuilt; built != nil {
		opts.ModelBuilt = nil // the model keeps opts, and the caller's state must not stay with it
		built(m.project)
	}
	res.Project, res.Files, res.read = m.project, m.files, &readCount{project: m.project}
	// Room for as many findings as the run before had: a large port's
	// thousands would otherwise be copied as the list grows.
	found := append(make([]diag.Diagnostic, 0, len(m.found)+from.findings), m.found...)
	carry := rules.NewCarry(m.project, from.carry)
	// Work of the engine's own, done beside the rules: while they run,
	// one core often waits on the other (the rules share work done once).
	var truncated []diag.Diagnostic
	var failedAside any // a panic there is Run's, as it was when this ran here
	aside := make(chan struct{})
	go func() {
		defer close(aside)
		defer func() { failedAside = recover() }()
		truncated = truncatedFiles(carry)
	}()
	detailsIn := opts.Open.detailsIn()
	var enabled []*rules.Rule
	for _, r := range rules.All() {
		if r.Run != nil && opts.enabled(r) {
			enabled = append(enabled, r)
		}
	}
	// A file's line index is the run before's while its text is (KeepLines).
	lines := func(path string) any { return m.project.Lines(path) }
	render := newRenderers(func(path string, off int) int { return m.project.Lines(path).Line(off) + 1 }, lines, from.rendered)
	own := len(found) // the engine's findings, rendered after the rules'
	byRule, failures, costs := runRules(enabled, from.costs, func(r *rules.Rule) *rules.Pass {
		return &rules.Pass{Project: m.project, Rule: r, Carry: carry, DetailsIn: detailsIn}
	}, render.render)
	for i := range enabled {
		found = append(found, byRule[i]...)
		if failures[i] != "" {
			res.Failures = append(res.Failures, failures[i])
		}
	}
	res.Kept = carry.Kept() + carry.ScopesKept()
	<-aside
	if failedAside != nil {
		panic(failedAside)
	}
	ruled := len(found)
	found = append(found, truncated...)

	// A file a rule looked for and found unreadable (a FIFO where the
	// CPython entrypoint header goes) is reported like any other.
	for _, f := range snap.LoadedProblems() {
		if _, isC := cfacts.LangOf(f.Path); isC && m.project.Unit(f.Path) == nil && !snap.Excluded(f.Path) {
			found = append(found, finding(rules.UnreadableFile, source.Location{Path: f.Path}, f.Problem))
		}
	}
	render.render(0, found[:own])
	render.render(0, found[ruled:])
	rendered := render.memo()
	res.Diagnostics = finish(found, m.project, m.configs, &opts, carry.SpeaksToHPylint)
	// The next run may take the carry's tables now, unless a rule failed
	// (a run after one that panicked starts afresh).
	carry.Settle(len(res.Failures) == 0)
	res.state = &runState{snap: snap, options: opts.key(), base: m.project, carry: carry, costs: costs, scans: scans, rendered: rendered}
	return res
}

// builtModel is a snapshot's project model and what building it found.
type builtModel struct {
	project *model.Project
	configs []*buildcfg.File
	found   []diag.Diagnostic
	files   int // build configs and C/C++ files analysed
	early   *earlyParses
}

// buildModel reads the build configs, parses the C files a rule can care
// about and resolves the model: all of a run but the rules. scans
// remembers the byte tests of files, and what prev (a model of an earlier
// state of the files, or nil) worked out of files still the same is kept.
func buildModel(ctx context.Context, snap *source.Snapshot, opts *Options, scans *model.Scans, prev *model.Project) *builtModel {
	m := &builtModel{}
	var early *earlyParses
	if prev == nil || opts.Prefetch != nil {
		// After a run, as in the language server, the facts of unchanged
		// files are in the cache: parsing early would only look them up.
		early = startEarly(ctx, snap, opts, scans)
		defer early.wait()
	}
	m.early = early
	report := func(r *rules.Rule, loc source.Location, msg string) {
		m.found = append(m.found, finding(r, loc, msg))
	}

	hpyUnder := map[string]bool{}
	hpyCodeUnder := func(dir string) bool {
		v, ok := hpyUnder[dir]
		if !ok {
			v = model.HasHPyCodeUnder(snap, dir, scans)
			hpyUnder[dir] = v
		}
		return v
	}
	for _, p := range snap.PathsShared() {
		read := readerFor(p)
		if read == nil || snap.Excluded(p) {
			continue
		}
		f := snap.File(p)
		m.files++
		if reason := unreadable(f); reason != "" {
			if packagingFile(p) || mentionsHPy(f.Content) {
				report(rules.UnreadableFile, source.Location{Path: p}, reason)
			}
			continue
		}
		if !packagingFile(p) && !mentionsHPy(f.Content) && !hpyCodeUnder(path.Dir(p)) {
			continue // a Makefile or CMakeLists.txt of code that is not HPy
		}
		cfg := opts.Configs.read(read, f, snap)
		m.configs = append(m.configs, cfg)
	}

	for _, d := range snap.Unlisted {
		if !snap.Excluded(d.Path) {
			report(rules.UnreadableFile, source.Location{Path: d.Path}, d.Problem)
		}
	}

	project := model.New(snap, m.configs, opts.abi())
	project.Scans = scans
	project.KeepLines(prev)
	project.ProvideLines(opts.Lines)
	project.StatedABI, project.StatedABIFrom = opts.ABI, opts.ABIFrom
	project.ParseOnDemand = parseOnDemand(opts)
	m.project = project
	for u, reason := range parsePhase(ctx, project, opts, early, prev) {
		report(rules.UnreadableFile, source.Location{Path: u.Path}, reason)
	}
	project.Resolve()
	project.KeepHeaders(prev)
	project.KeepGraphTables(prev)
	for _, cfg := range m.configs {
		if !concernsHPy(project, cfg) {
			// A CMake, meson or make file of code that is not HPy (numpy's
			// meson build, git's Makefile): what it does is not ours to judge.
			continue
		}
		for _, pr := range cfg.Problems {
			report(rules.UnreadableFile, source.Location{Path: cfg.Path, Span: pr.Span}, pr.Message)
		}
		for _, u := range cfg.Unresolved {
			report(rules.UnresolvedExtension, source.Location{Path: cfg.Path, Span: u.Span}, "hpylint cannot follow "+u.What+" without running the build; checks see only what is written literally")
		}
		incompleteExtensions(project, cfg, report)
	}
	for _, u := range project.Units {
		if u.Facts != nil {
			m.files++
		}
	}
	return m
}

// truncatedFiles reports the files rules read as HPy code that end
// unfinished (the list is the carry's: HPY004 reads it too).
func truncatedFiles(carry *rules.Carry) []diag.Diagnostic {
	var found []diag.Diagnostic
	for _, u := range carry.UnfinishedHPyCode() {
		if u.Facts.Truncated {
			// The line it cites is a mark the engine renders, so that an
			// edit above it moves the finding rather than running the
			// rules again (cfacts.Facts.UnfinishedAt).
			why := u.Facts.UnfinishedText(func(off int) string {
				return diag.LineMark(source.Location{Path: u.Path, Span: source.Span{Start: off, End: off}})
			})
			found = append(found, finding(rules.UnreadableFile, source.Location{Path: u.Path, Span: lastLine(u.File.Content)},
				"file ends unfinished (truncated?): "+why+"; it was analysed as far as it parses"))
		}
	}
	return found
}

// finding is a finding of r that the engine makes itself.
func finding(r *rules.Rule, loc source.Location, msg string) diag.Diagnostic {
	return diag.Diagnostic{Code: r.Code, Name: r.Name, Severity: r.Severity, Location: loc, Message: msg}
}

// parsePhase parses every unit a rule can care about, then the project
// headers those units include, until no new header is reached. Each file is
// parsed once, and what prev (the model before, or nil) read of a file is
// kept. Headers a rule cares about on their own wait until the sources are
// read: whether a C++ source includes them decides their grammar.
func parsePhase(ctx context.Context, p *model.Project, opts *Options, early *earlyParses, prev *model.Project) map[*model.Unit]string {
	failed := map[*model.Unit]string{}
	if adoptWalk(p, prev, opts, failed) {
		walked(p, failed)
		return failed
	}
	var todo, headers []*model.Unit
	for _, u := range p.Units {
		// Binary and oversized files are reported wherever they are: they
		// are build debris or data, never sources. Encoding problems only
		// matter in files a rule would read.
		if p.Snapshot.Excluded(u.Path) {
			continue
		}
		if reason := notSource(u.File); reason != "" {
			failed[u] = reason
			continue
		}
		if !p.NeedsFacts(u) {
			continue
		}
		if len(u.Extensions) == 0 && isHeader(u.Path) {
			headers = append(headers, u)
		} else {
			todo = append(todo, u)
		}
	}
	langs := &unitLangs{cache: opts.Cache}
	tried := make(map[*model.Unit]bool, len(p.Units))
	reached := map[*model.Unit]bool{} // headers reached from HPy code
	for len(todo) > 0 || len(headers) > 0 {
		if len(todo) == 0 {
			for _, h := range headers {
				if !tried[h] {
					todo = append(todo, h)
				}
			}
			headers = nil
		}
		for _, u := range todo {
			tried[u] = true
		}
		for u, reason := range parseUnits(ctx, todo, opts, langs, early, prev) {
			failed[u] = reason
		}
		var next []*model.Unit
		for _, u := range todo {
			if u.Facts == nil || !reached[u] && !p.FollowsIncludes(u) {
				continue
			}
			for _, h := range p.Headers(u) {
				reached[h] = true
				if h.Facts == nil {
					langs.reached(h, u) // every includer counts, not the first
				}
				if !tried[h] && h.Facts == nil {
					tried[h] = true
					next = append(next, h)
				}
			}
		}
		todo = next
	}
	p.SortUnits()
	if ctx.Err() == nil {
		walked(p, failed)
	}
	return failed
}

// lastLine is the span of the last line with text on it.
func lastLine(content []byte) source.Span {
	end := len(bytes.TrimRight(content, " \t\r\n\f\v"))
	start := ctoken.LineStart(content, end)
	for start < end && (content[start] == ' ' || content[start] == '\t') {
		start++
	}
	return source.Span{Start: start, End: end}
}

// isHeader reports whether a C/C++ file is a header by its name.
func isHeader(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".h", ".hh", ".hpp", ".hxx", ".h++":
		return true
	}
	return false
}

func runRule(pass *rules.Pass) (failure string) {
	defer func() {
		if v := recover(); v != nil {
			failure = fmt.Sprintf("rule %s (%s) failed: %v\n%s", pass.Rule.Code, pass.Rule.Name, v, debug.Stack())
		}
	}()
	pass.Rule.Run(pass)
	return ""
}

// finish applies suppressions, selection and severity overrides, and sorts.
// speaks says whether a C file's comments say anything to hpylint: the
// directives of the others are not looked for.
func finish(found []diag.Diagnostic, p *model.Project, configs []*buildcfg.File, opts *Options, speaks func(*cfacts.Facts) bool) []diag.Diagnostic {
	known := func(s string) bool { return rules.Lookup(s) != nil }
	var dirs []suppress.Directive
	var problems []diag.Diagnostic
	addProblems := func(r *rules.Rule, ps []suppress.Problem) {
		for _, pr := range ps {
			problems = append(problems, diag.Diagnostic{Code: r.Code, Name: r.Name, Severity: r.Severity, Location: pr.Location, Message: pr.Message})
		}
	}
	for _, u := range append(p.Units, p.ShadowUnits()...) {
		if u.Facts != nil && speaks(u.Facts) {
			d, ps := suppress.Parse(u.Path, u.File.Content, u.Facts.Comments, known)
			dirs = append(dirs, d...)
			addProblems(rules.MalformedSuppression, ps)
		}
	}
	for _, c := range configs {
		d, ps := suppress.Parse(c.Path, p.Snapshot.File(c.Path).Content, c.Comments, known)
		dirs = append(dirs, d...)
		addProblems(rules.MalformedSuppression, ps)
	}

	// found is the run's own list: the findings kept are moved down in it
	// rather than copied to another (a large port has thousands).
	active := found[:0]
	for _, d := range found {
		if p.Snapshot.Excluded(d.Location.Path) {
			continue
		}
		if r := rules.Lookup(d.Code); r != nil && opts.enabled(r) {
			active = append(active, d)
		}
	}
	enabled := func(code string) bool { r := rules.Lookup(code); return r != nil && opts.enabled(r) }
	kept, unused := suppress.Apply(active, dirs, p.Lines, enabled)
	addProblems(rules.UnusedSuppression, unused)
	for _, d := range problems {
		if enabled(d.Code) {
			kept = append(kept, d)
		}
	}
	for i := range kept {
		kept[i].Severity = opts.severity(rules.Lookup(kept[i].Code))
		if kept[i].DetailOf != "" && !enabled(kept[i].DetailOf) {
			kept[i].DetailOf = "" // no summary counts it: it stands alone
		}
	}
	sortFindings(kept)
	return kept
}

// sortFindings puts findings in report order: by file, place, code and
// message. Their indexes are sorted, and each finding then moved to its
// place once, cycle by cycle: a finding is 176 bytes, a large port has
// thousands, and a copy of them all was made on every key.
func sortFindings(ds []diag.Diagnostic) {
	// A run that moved its findings through an edit mostly has them in
	// order still: checked first, they are not moved on every key
	// (numpy-hpy's open file has 1,200).
	if inFindingOrder(ds) {
		return
	}
	from := make([]int, len(ds)) // from[i]: the finding that goes to i
	for i := range from {
		from[i] = i
	}
	slices.SortStableFunc(from, func(a, b int) int { return findingOrder(&ds[a], &ds[b]) })
	for i := range from {
		if from[i] == i {
			continue
		}
		held, j := ds[i], i
		for {
			k := from[j]
			from[j] = j
			if k == i {
				ds[j] = held
				break
			}
			ds[j] = ds[k]
			j = k
		}
	}
}

// inFindingOrder reports whether ds is in report order already.
func inFindingOrder(ds []diag.Diagnostic) bool {
	for i := 1; i < len(ds); i++ {
		if findingOrder(&ds[i-1], &ds[i]) > 0 {
			return false
		}
	}
	return true
}

// findingOrder is report order: by file, place, code and message.
func findingOrder(x, y *diag.Diagnostic) int {
	a, b := x.Location, y.Location
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Start, b.Span.Start); c != 0 {
		return c
	}
	if c := strings.Compare(x.Code, y.Code); c != 0 {
		return c
	}
	return strings.Compare(x.Message, y.Message)
}

// concernsHPy reports whether a build config's own problems are worth
// reporting: Python packaging files always are; generic build files when
// they build an HPy extension or mention HPy at all.
func concernsHPy(p *model.Project, cfg *buildcfg.File) bool {
	if packagingFile(cfg.Path) {
		return true
	}
	for _, e := range p.Extensions {
		if e.Config == cfg && e.HPy {
			return true
		}
	}
	f := p.Snapshot.File(cfg.Path)
	return f != nil && mentionsHPy(f.Content)
}

// mentionsHPy is a byte test for "hpy" in any case.
func mentionsHPy(b []byte) bool {
	return bytes.Contains(b, []byte("hpy")) || bytes.Contains(b, []byte("HPY")) || bytes.Contains(b, []byte("HPy"))
}

// packagingFile is a Python packaging config: always about the project's
// extensions, HPy or not.
func packagingFile(p string) bool {
	switch path.Base(p) {
	case "setup.py", "setup.cfg", "pyproject.toml":
		return true
	}
	return false
}
