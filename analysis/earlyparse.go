package analysis

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// earlyParses are the parses a run starts before its build configs are
// read. A source whose bytes mention HPy or a CPython entrypoint is parsed
// whatever the configs say (model.Project.NeedsFacts), and its grammar
// comes from its name, so it can be parsed while the configs are read and
// the model is made, on the cores that would otherwise wait for them. The
// parse phase takes these facts in place of parsing the unit again: a
// file's facts depend only on its content and grammar, so what is parsed
// early is exactly what would have been parsed later.
type earlyParses struct {
	jobs map[*source.File]*earlyParse
	wg   sync.WaitGroup
	pre  *Prefetch // taken over, waited for too
}

// parseEarly is off only in tests that compare runs with and without.
var parseEarly = true

// earlyParse is one file's early parse; its fields are set before done is
// closed.
type earlyParse struct {
	file *source.File
	lang cfacts.Lang
	done chan struct{}
	// parsed is false when the file turned out not to be one every model
	// parses (no HPy in it, binary, unreadable) or the run was cancelled
	// first: the parse phase then decides as it always did.
	parsed bool
	facts  *cfacts.Facts
	reason string // why it could not be analysed, when parsed
}

// startEarly starts parsing, largest first, every listed C/C++ file whose
// grammar its name decides and whose facts are not provided, and takes
// over the parses of opts.Prefetch.
func startEarly(ctx context.Context, snap *source.Snapshot, opts *Options, scans *model.Scans) *earlyParses {
	e := &earlyParses{jobs: map[*source.File]*earlyParse{}}
	if pre := opts.Prefetch; pre != nil {
		e.pre = pre
		jobs := pre.takeOver()
		if pre.cache == opts.Cache {
			for f, j := range jobs {
				e.jobs[f] = j
			}
		}
	}
	if !parseEarly {
		return e
	}
	var order []*earlyParse
	for _, p := range snap.PathsShared() {
		lang, ok := earlyLang(p)
		if !ok || snap.Excluded(p) || opts.Provided[p] != nil {
			continue
		}
		f := snap.File(p)
		if f == nil || e.jobs[f] != nil {
			continue
		}
		j := &earlyParse{file: f, lang: lang, done: make(chan struct{})}
		e.jobs[f] = j
		order = append(order, j)
	}
	if len(order) == 0 {
		return e
	}
	slices.SortStableFunc(order, func(a, b *earlyParse) int { return len(b.file.Content) - len(a.file.Content) })
	jobs := make(chan *earlyParse, len(order))
	for _, j := range order {
		jobs <- j
	}
	close(jobs)
	workers := parseWorkers(opts.Workers)
	for range min(workers, len(order)) {
		e.wg.Add(1)
		go func() {
			defer e.wg.Done()
			for j := range jobs {
				j.run(ctx, opts.Cache, scans)
			}
		}()
	}
	return e
}

// earlyLang is the grammar of a C/C++ file by its name; false for other
// files and for a .h file, whose grammar depends on who includes it.
func earlyLang(p string) (cfacts.Lang, bool) {
	lang, isC := cfacts.LangOf(p)
	if !isC || lang == cfacts.C && strings.HasSuffix(strings.ToLower(p), ".h") {
		return lang, false
	}
	return lang, true
}

// run parses j's file if every model parses it, and closes done.
func (j *earlyParse) run(ctx context.Context, cache *FactsCache, scans *model.Scans) {
	defer close(j.done)
	if ctx.Err() != nil || notSource(j.file) != "" || !scans.Of(j.file).NeedsFacts {
		return
	}
	u := &model.Unit{Path: j.file.Path, File: j.file}
	j.reason = parseUnit(u, cache, j.lang)
	j.facts, j.parsed = u.Facts, true
}

// of is the early parse of u in lang, nil when none was started; it may
// still be running.
func (e *earlyParses) of(u *model.Unit, langs *unitLangs) *earlyParse {
	if e == nil {
		return nil
	}
	j := e.jobs[u.File]
	if j == nil || langs.of(u) != j.lang {
		return nil
	}
	return j
}

// wait returns once every early parse is over.
func (e *earlyParses) wait() {
	if e != nil {
		e.wg.Wait()
		if e.pre != nil {
			e.pre.wait()
		}
	}
}
