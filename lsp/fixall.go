package lsp

import (
	"context"
	"errors"
	"sync"

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
// every cursor move, and each fix-all analyses the project once more at least.
type fixAllMemo struct {
	mu    sync.Mutex
	files map[string]*fixAllResult
}

// fixAll is the fix-all of rel (a snapshot path) in o, or nil when the
// analysis failed or the request was cancelled.
func (s *Server) fixAll(ctx context.Context, o *outcome, rel string) *fixAllResult {
	if o.res == nil {
		return nil
	}
	o.fixAlls.mu.Lock()
	defer o.fixAlls.mu.Unlock()
	if fa, ok := o.fixAlls.files[rel]; ok {
		return fa
	}
	fp, err := fix.ToFixpoint(o.snap, s.fileFindings(ctx, o, rel))
	if err != nil {
		s.tracef("fix-all of %s: %v", rel, err)
		return nil // not remembered: the next request tries again
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
	if o.fixAlls.files == nil {
		o.fixAlls.files = map[string]*fixAllResult{}
	}
	o.fixAlls.files[rel] = fa
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
			if d.Location.Path == rel {
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
