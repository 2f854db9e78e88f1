package analysis

import (
	"container/heap"
	"context"
	"sync"

	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Prefetch parses files while the rest of the project is still being read
// from disk: the CLI hands it each file as workspace.LoadEach reads it, and
// the run it is given to (Options.Prefetch) takes its parses over as it
// takes its own early parses (earlyParses), with the same test of what to
// take. The first files read start parsing while the walk goes on.
type Prefetch struct {
	ctx     context.Context
	cache   *FactsCache
	scans   *model.Scans // the files' byte tests, for the run too
	mu      sync.Mutex
	more    *sync.Cond // a file queued, or no more to come
	jobs    map[*source.File]*earlyParse
	queue   bySize
	started int // workers
	workers int
	closed  bool
	wg      sync.WaitGroup
}

// StartPrefetch makes a Prefetch parsing with opts' cache and workers. A
// run given it must have the same cache.
func StartPrefetch(ctx context.Context, opts Options) *Prefetch {
	p := &Prefetch{ctx: ctx, cache: opts.Cache, scans: model.NewScans(nil, nil), jobs: map[*source.File]*earlyParse{}, workers: parseWorkers(opts.Workers)}
	p.more = sync.NewCond(&p.mu)
	return p
}

// Read queues a file just read, when its name gives its grammar; safe to
// call from several goroutines at once. Files read after the run took the
// prefetch over are left to the run.
func (p *Prefetch) Read(f *source.File) {
	lang, ok := earlyLang(f.Path)
	if !ok {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || p.jobs[f] != nil {
		return
	}
	j := &earlyParse{file: f, lang: lang, done: make(chan struct{})}
	p.jobs[f] = j
	heap.Push(&p.queue, j)
	if p.started < p.workers {
		p.started++
		p.wg.Add(1)
		go p.work()
	}
	p.more.Signal()
}

// work parses queued files, the largest first, until the run takes the
// prefetch over and nothing is left.
func (p *Prefetch) work() {
	defer p.wg.Done()
	for {
		p.mu.Lock()
		for p.queue.Len() == 0 && !p.closed {
			p.more.Wait()
		}
		if p.queue.Len() == 0 {
			p.mu.Unlock()
			return
		}
		j := heap.Pop(&p.queue).(*earlyParse)
		p.mu.Unlock()
		j.run(p.ctx, p.cache, p.scans)
	}
}

// takeOver closes the prefetch to new files and returns its parses, done
// or to come (waited for with wait).
func (p *Prefetch) takeOver() map[*source.File]*earlyParse {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	p.more.Broadcast()
	return p.jobs
}

func (p *Prefetch) wait() { p.wg.Wait() }

// bySize is a heap of parses, the largest file on top: the worker that
// takes the largest file last keeps the other waiting.
type bySize []*earlyParse

func (q bySize) Len() int           { return len(q) }
func (q bySize) Less(i, j int) bool { return len(q[i].file.Content) > len(q[j].file.Content) }
func (q bySize) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *bySize) Push(x any)        { *q = append(*q, x.(*earlyParse)) }
func (q *bySize) Pop() any {
	old := *q
	j := old[len(old)-1]
	*q = old[:len(old)-1]
	return j
}
