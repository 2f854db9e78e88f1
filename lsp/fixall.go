package lsp

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/fix"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Fix-all of a file is what hpylint --fix makes of it: the same loop
// (fix.ToFixpoint) over the findings in that file, analysing the fixed text
// again until nothing changes, sent as one edit per file. Computing every
// fix against the old text instead leaves findings that only the fixed text
// has (HPY102 renames HPy_MODINIT, then HPY106 wants the shim renamed too).

// fixAllResult is the fix-all of one file in one outcome.
type fixAllResult struct {
	edits []diag.Edit // against the outcome's snapshot, for workspaceEdit
	fixed int
}

// fixAllMemo keeps an outcome's fix-alls: editors ask for code actions on
// every cursor move, and each fix-all analyses the project once more at
// least. One computation per file: a request that comes while it runs
// waits for that one (within its bound), never starts another.
type fixAllMemo struct {
	mu    sync.Mutex
	files map[string]*fixAllJob
	// ctx is the jobs' context, cancelled by stop.
	ctx    context.Context
	cancel context.CancelFunc
}

// stop cancels the fix-alls still running: a newer run of the folder
// replaced their outcome, which no request asks again. One stuck on the
// file system ends when it comes back, instead of going on re-analysing.
func (m *fixAllMemo) stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cancel == nil {
		m.ctx, m.cancel = context.WithCancel(context.Background())
	}
	m.cancel()
}

// fixAllJob is one file's fix-all, computed once in the background. done
// is closed when res is set; a job that failed is dropped from the memo
// before that, so the next request tries again.
type fixAllJob struct {
	done chan struct{}
	res  *fixAllResult
}

// fixAll is the fix-all of rel (a snapshot path) in o, nil when the
// analysis failed. Re-analysing the fixed text can take as long as the
// file system makes it: ready is false when the fix-all was not done by
// deadline (or the request was cancelled), and it goes on in the
// background, into the memo, for the next request.
func (s *Server) fixAll(ctx context.Context, o *outcome, rel string, deadline time.Time) (fa *fixAllResult, ready bool) {
	if o.res == nil {
		return nil, true
	}
	job := s.fixAllJob(o, rel)
	select {
	case <-job.done:
		return job.res, true
	default:
	}
	bound := time.NewTimer(time.Until(deadline))
	defer bound.Stop()
	select {
	case <-job.done:
		return job.res, true
	case <-bound.C:
	case <-ctx.Done():
	}
	return nil, false
}

// fixAllJob is the memo's job for rel, started if there is none.
func (s *Server) fixAllJob(o *outcome, rel string) *fixAllJob {
	o.fixAlls.mu.Lock()
	defer o.fixAlls.mu.Unlock()
	if job, ok := o.fixAlls.files[rel]; ok {
		return job
	}
	job := &fixAllJob{done: make(chan struct{})}
	if o.fixAlls.files == nil {
		o.fixAlls.files = map[string]*fixAllJob{}
	}
	if o.fixAlls.ctx == nil {
		o.fixAlls.ctx, o.fixAlls.cancel = context.WithCancel(s.ctx)
	}
	o.fixAlls.files[rel] = job
	go s.runFixAll(o.fixAlls.ctx, o, rel, job)
	return job
}

// runFixAll computes a job under the memo's context, not a request's: the
// request that started it may be answered or cancelled long before it
// ends, and its result is for the requests after.
func (s *Server) runFixAll(ctx context.Context, o *outcome, rel string, job *fixAllJob) {
	var fa *fixAllResult
	defer func() {
		if r := recover(); r != nil {
			s.internalFailure(fmt.Sprintf("fix-all of %s: %v\n%s", rel, r, debug.Stack()))
			fa = nil
		}
		if fa == nil { // not remembered: the next request tries again
			o.fixAlls.mu.Lock()
			delete(o.fixAlls.files, rel)
			o.fixAlls.mu.Unlock()
		}
		job.res = fa
		close(job.done)
	}()
	fa = s.computeFixAll(ctx, o, rel)
}

// computeFixAll runs the fixpoint of rel in o; nil when an analysis failed.
func (s *Server) computeFixAll(ctx context.Context, o *outcome, rel string) *fixAllResult {
	fp, err := fix.ToFixpoint(o.snap, s.fileFindings(ctx, o, rel))
	if err != nil {
		s.tracef("fix-all of %s: %v", rel, err)
		return nil
	}
	fa := &fixAllResult{fixed: fp.Fixed}
	// Created files first, as in the quick fix that adds the shim: the
	// header exists before the source that includes it changes.
	for _, created := range []bool{true, false} {
		for _, c := range fp.Changes {
			if c.Created == created {
				fa.edits = append(fa.edits, fix.Edits(c)...)
			}
		}
	}
	// The engine fixes a file under its unit's name; the client edits it
	// under the name it opened (alias.go).
	fa.edits = rehomeEdits(fa.edits, func(p string) bool { return sameFile(o.snap, p, rel) }, rel)
	return fa
}

// fileFindings analyses a snapshot as the outcome's run did (the outcome's
// own result for its own snapshot) and keeps the findings in rel, as
// hpylint --fix takes them (details dropped).
func (s *Server) fileFindings(ctx context.Context, o *outcome, rel string) fix.Analyse {
	return func(snap *source.Snapshot) ([]diag.Diagnostic, error) {
		res := o.res
		if snap != o.snap {
			opts := o.opts
			opts.Provided = unchangedFacts(o, snap)
			s.stallAt(stageFixAllRerun)
			var failure string
			res, failure = s.safeRun(ctx, snap, opts)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if res == nil {
				return nil, errors.New(failure)
			}
		}
		var out []diag.Diagnostic
		for _, d := range diag.WithoutDetails(res.Diagnostics) {
			if sameFile(snap, d.Location.Path, rel) {
				out = append(out, d)
			}
		}
		return out, nil
	}
}

// unchangedFacts are the facts the outcome's run was given for open
// buffers, minus those of files a fix has changed since.
func unchangedFacts(o *outcome, snap *source.Snapshot) map[string]*cfacts.Facts {
	out := map[string]*cfacts.Facts{}
	for p, f := range o.opts.Provided {
		if snap.File(p) == o.snap.File(p) {
			out[p] = f
		}
	}
	return out
}
