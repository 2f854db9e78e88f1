package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// parseUnits fills in the facts of the given units (parseEach), and
// returns the units that could not be analysed with the reason. langs
// holds the grammar of each unit (see unitLangs). A unit parsed early
// takes those facts, once that parse is over. A unit whose file the
// previous model (prev, or nil) read with the same grammar takes the
// facts it had there.
func parseUnits(ctx context.Context, units []*model.Unit, opts *Options, langs *unitLangs, early *earlyParses, prev *model.Project) map[*model.Unit]string {
	units = keepFacts(units, opts, langs, prev)
	var rest, started []*model.Unit
	var startedAs []*earlyParse
	for _, u := range units {
		if j := early.of(u, langs); j != nil {
			started, startedAs = append(started, u), append(startedAs, j)
		} else {
			rest = append(rest, u)
		}
	}
	failed := parseEach(ctx, rest, opts, langs)
	var left []*model.Unit
	for i, u := range started {
		j := startedAs[i]
		<-j.done
		switch {
		case !j.parsed:
			left = append(left, u)
		case j.reason != "":
			failed[u] = j.reason
		default:
			u.Facts = j.facts
		}
	}
	for u, reason := range parseEach(ctx, left, opts, langs) {
		failed[u] = reason
	}
	return failed
}

// keepFacts gives each unit its facts without a worker where they are at
// hand: provided (an open buffer's, never parsed here, early or not), or
// the previous model's (prev, or nil) for the same file read with the same
// grammar (the cache would give the same facts); it returns the others. A
// key in the editor changes one file: handing 2,000 unchanged ones to the
// workers one by one, to look each up in the cache, cost more than the
// rest of the model.
func keepFacts(units []*model.Unit, opts *Options, langs *unitLangs, prev *model.Project) []*model.Unit {
	rest := make([]*model.Unit, 0, len(units))
	for _, u := range units {
		if f := opts.Provided[u.Path]; f != nil {
			u.Facts = f
			continue
		}
		if prev != nil {
			if was := prev.Unit(u.Path); was != nil && was.File == u.File && was.Facts != nil && was.Facts.Lang == langs.of(u) {
				u.Facts = was.Facts
				continue
			}
		}
		rest = append(rest, u)
	}
	return rest
}

// parseEach parses units on parseWorkers' workers (parseUnits).
func parseEach(ctx context.Context, units []*model.Unit, opts *Options, langs *unitLangs) map[*model.Unit]string {
	failed := map[*model.Unit]string{}
	if len(units) == 0 {
		return failed
	}
	workers := parseWorkers(opts.Workers)
	var mu sync.Mutex
	jobs := make(chan *model.Unit)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs {
				if reason := parseUnit(u, opts.Cache, langs.of(u)); reason != "" {
					mu.Lock()
					failed[u] = reason
					mu.Unlock()
				}
			}
		}()
	}
	for _, u := range largestFirst(units) {
		if ctx.Err() != nil {
			break
		}
		jobs <- u
	}
	close(jobs)
	wg.Wait()
	return failed
}

// largestFirst orders units by size, largest first: a worker that starts
// the biggest file last keeps the others waiting (numpy's 190 KB
// ufunc_object.c). Which worker parses what never changes a fact.
func largestFirst(units []*model.Unit) []*model.Unit {
	out := slices.Clone(units)
	slices.SortStableFunc(out, func(a, b *model.Unit) int { return len(b.File.Content) - len(a.File.Content) })
	return out
}

func parseUnit(u *model.Unit, cache *FactsCache, lang cfacts.Lang) (reason string) {
	if cache != nil {
		// Facts cached for this content: it was checked when first parsed.
		if f := cache.get(factsKey{hash: u.File.Hash(), lang: lang}); f != nil {
			u.Facts = f
			return ""
		}
	}
	if reason := unparseable(u.File); reason != "" {
		return reason
	}
	defer func() {
		// A grammar bug must cost one file, not the run.
		if r := recover(); r != nil {
			reason = fmt.Sprintf("internal error while parsing: %v", r)
		}
	}()
	f, err := cfacts.Extract(lang, u.File.Content)
	if err != nil {
		return err.Error()
	}
	u.Facts = f
	if cache != nil {
		cache.put(factsKey{hash: u.File.Hash(), lang: lang}, f)
	}
	return ""
}

// unitLangs decides the grammar of each unit: a source's from its name, a
// header's from the sources that include it (C++ if any is C++), and a
// header no source reaches from its content (cfacts.LangOfContent).
type unitLangs struct {
	cache *FactsCache // remembers the content test; may be nil
	mu    sync.Mutex
	from  map[*model.Unit]cfacts.Lang // headers reached from sources
}

func (l *unitLangs) of(u *model.Unit) cfacts.Lang {
	lang, _ := cfacts.LangOf(u.Path)
	if lang != cfacts.C || !strings.HasSuffix(strings.ToLower(u.Path), ".h") {
		return lang
	}
	l.mu.Lock()
	from, reached := l.from[u]
	l.mu.Unlock()
	switch {
	case reached:
		return from
	case l.cache.isCPlusPlus(u.File.Hash(), u.File.Content):
		return cfacts.CPP // as cfacts.LangOfContent decides
	}
	return cfacts.C
}

// reached records that header h is compiled as part of from.
func (l *unitLangs) reached(h, from *model.Unit) {
	lang := l.of(from)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.from == nil {
		l.from = map[*model.Unit]cfacts.Lang{}
	}
	if prev, ok := l.from[h]; !ok || prev == cfacts.C {
		l.from[h] = lang
	}
}

// parseOnDemand parses a file the parse phase left alone, or a part of
// one, when a rule looks for a definition in it (model.Project.OnDemand):
// with the same cache, and nil when it cannot be analysed.
func parseOnDemand(opts *Options) func(*source.File) *cfacts.Facts {
	return func(f *source.File) *cfacts.Facts {
		// f may be a part of the file at its path (defindex.Index.FindItem):
		// the facts provided for that path are not its facts.
		u := &model.Unit{Path: f.Path, File: f}
		// No source is known to include it: a header's grammar comes from
		// its content.
		langs := unitLangs{cache: opts.Cache}
		if parseUnit(u, opts.Cache, langs.of(u)) != "" {
			return nil
		}
		return u.Facts
	}
}
