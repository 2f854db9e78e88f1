package lsp

import (
	"context"
	"time"
)

// A hover reads the project model, never the findings. A key that
// changes facts (an Enter inside a #define) cannot be answered early from
// the last run (early.go), and waiting for the run meant waiting for the
// rules, which take most of it (numpy-hpy: the model is built in 1 ms,
// the rules take 6). The run hands its model over as soon as it is built
// (analysis.Options.ModelBuilt), and a hover answers from it: it is the
// very model the completed run will give, so the answer is the same.

// recordModel makes o, a run's model without findings yet, the answer of
// requests that read only the model, while the run is the newest.
func (s *Server) recordModel(f *folder, o *outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.gen != o.gen || f.doneGen == o.gen {
		return // superseded, or already recorded in full
	}
	f.modelOnly = o
	close(f.modelBuilt)
	f.modelBuilt = make(chan struct{})
}

// modelFor is the outcome a request that reads only the model answers
// from: the current run's, as soon as its model is built.
func (s *Server) modelFor(ctx context.Context, path string) (*outcome, error) {
	s.mu.Lock()
	f := s.ownerLocked(path)
	s.mu.Unlock()
	if f == nil {
		return nil, nil
	}
	return s.currentOrModelBy(ctx, f, time.Now().Add(s.answerWithin), true)
}
