package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/analysis/workspace"
)

// Text synchronisation runs on the read loop, in wire order, and stays
// cheap: it applies the edit and schedules a run.

func (s *Server) DidOpen(ctx context.Context, p *protocol.DidOpenTextDocumentParams) error {
	path := fsPath(p.TextDocument.URI)
	if path == "" || !workspace.Relevant(path) {
		return nil // not a file hpylint reads
	}
	d := newDocument(p.TextDocument.URI, path, p.TextDocument.Version, p.TextDocument.Text)
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.docs[path]; old != nil {
		old.close()
	}
	s.docs[path] = d
	f := s.folderForLocked(path)
	if f.implicit {
		f.stale = true // read the build configs above this file too
	}
	s.changedLocked(f, false)
	return nil
}

func (s *Server) DidChange(ctx context.Context, p *protocol.DidChangeTextDocumentParams) error {
	path := fsPath(p.TextDocument.URI)
	s.mu.Lock()
	d, enc := s.docs[path], s.enc
	s.mu.Unlock()
	if d == nil {
		return nil
	}
	// Out-of-order or repeated versions are refused: applying them would
	// corrupt the buffer, and their results must not replace newer ones.
	if err := d.apply(p.TextDocument.Version, p.ContentChanges, enc); err != nil {
		s.log.Warn("didChange refused", "uri", p.TextDocument.URI, "err", err)
		return nil
	}
	s.mu.Lock()
	if f := s.ownerLocked(path); f != nil {
		f.edits++
		s.changedLocked(f, false)
	}
	s.mu.Unlock()
	return nil
}

func (s *Server) DidSave(ctx context.Context, p *protocol.DidSaveTextDocumentParams) error {
	path := fsPath(p.TextDocument.URI)
	s.mu.Lock()
	defer s.mu.Unlock()
	// The buffer already is what analysis sees; the disk copy is refreshed
	// so that it is right once the buffer closes. A client that does not
	// watch files never reports changes made outside it (a git checkout, a
	// generator): a save is the moment to read the whole folder again.
	f := s.ownerLocked(path)
	if f == nil || s.docs[path] == nil {
		return nil
	}
	if !s.caps.watchedFiles {
		f.stale = true
		s.changedLocked(f, false)
		return nil
	}
	if f.refresh == nil {
		f.refresh = map[string]bool{}
	}
	f.refresh[path] = true
	return nil
}

func (s *Server) DidClose(ctx context.Context, p *protocol.DidCloseTextDocumentParams) error {
	path := fsPath(p.TextDocument.URI)
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[path]
	if d == nil {
		return nil
	}
	delete(s.docs, path)
	d.close()
	f := s.ownerLocked(path)
	if f == nil {
		return nil
	}
	// From now on the file is what the disk says.
	if f.refresh == nil {
		f.refresh = map[string]bool{}
	}
	f.refresh[path] = true
	if f.implicit && !s.hasDocsLocked(f) {
		f.removed = true
	}
	s.changedLocked(f, false)
	return nil
}

func (s *Server) hasDocsLocked(f *folder) bool {
	for _, d := range s.docs {
		if s.ownerLocked(d.path) == f {
			return true
		}
	}
	return false
}
