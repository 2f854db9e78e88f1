package lsp

import "github.com/hpyproject/hpylint/analysis"

// A run that moved its findings through a quiet edit builds no project
// model (analysis.Result.Model builds it on first use), and a hover or a
// code action after a keystroke would wait for it. It is built once the
// worker has been idle a moment (idlegc.go, Server.idleWork), so a request
// after a pause in the typing finds it ready.

// prebuildModels builds the models the folders' last runs left for later.
func (s *Server) prebuildModels() {
	var pending []*analysis.Result
	s.mu.Lock()
	for _, f := range s.folders {
		if f.last != nil && f.last.res != nil && f.last.res.Moved && f.gen == f.doneGen {
			pending = append(pending, f.last.res)
		}
	}
	s.mu.Unlock()
	for _, res := range pending {
		res.Model()
	}
}
