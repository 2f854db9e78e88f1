package lsp

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// Code actions come from the server's own analysis of the text the client
// has now, never from the diagnostics the client echoes back (Neovim 0.7
// echoes little more than the code).

func (s *Server) CodeAction(ctx context.Context, p *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	path := fsPath(p.TextDocument.URI)
	// One bound for the whole request: the analysis, then the fix-all.
	deadline := time.Now().Add(s.answerWithin)
	s.mu.Lock()
	enc, tags := s.enc, s.caps.tags
	s.mu.Unlock()
	var o *outcome
	if !kindWanted(p.Context.Only, codeActionKindFixAll) {
		// Quick fixes only: the run to come may move them (a fix-all
		// analyses its fixed text, which an early view cannot).
		asked := time.Now()
		var why string
		o, why = s.earlyOutcome(path, func(x *textpos.Index) func(source.Span) bool {
			return onLinesOf(x, toSpan(x, p.Range, enc))
		})
		s.traceEarly("codeAction", path, o != nil, why, asked)
	}
	if o == nil {
		var err error
		if o, err = s.outcomeBy(ctx, path, deadline); err != nil || o == nil {
			return nil, err
		}
	}
	if o.shadowed[path] {
		// Edits computed for the other buffer's text would corrupt this one.
		s.log.Info("no code actions: another name of this file was edited later, and its text is the one analysed", "path", path)
		return []protocol.CommandOrCodeAction{}, nil
	}
	rel := o.folder.rel(path)
	x := o.lines(rel)
	shown := onLinesOf(x, toSpan(x, p.Range, enc))

	var actions []protocol.CommandOrCodeAction
	if kindWanted(p.Context.Only, protocol.CodeActionKindQuickFix) {
		for _, d := range o.diags[path] {
			if !shown(d.Location.Span) {
				continue
			}
			pd := o.convert(d, enc, tags)
			for i, fix := range d.Fixes {
				actions = append(actions, &protocol.CodeAction{
					Title:       fix.Title,
					Kind:        ptr(protocol.CodeActionKindQuickFix),
					Diagnostics: []protocol.Diagnostic{pd},
					IsPreferred: ptr(i == 0),
					Edit:        s.workspaceEdit(o, fix.Edits),
				})
			}
			if d.Code == rules.UnusedSuppression.Code || d.Code == rules.MalformedSuppression.Code {
				continue // suppressing a suppression's own finding helps nobody
			}
			content := o.content(rel)
			actions = append(actions,
				&protocol.CodeAction{
					Title:       "Suppress " + d.Code + " on this line",
					Kind:        ptr(protocol.CodeActionKindQuickFix),
					Diagnostics: []protocol.Diagnostic{pd},
					Edit:        s.workspaceEdit(o, []diag.Edit{suppressLineEdit(rel, content, x, d)}),
				},
				&protocol.CodeAction{
					Title:       "Suppress " + d.Code + " in this file",
					Kind:        ptr(protocol.CodeActionKindQuickFix),
					Diagnostics: []protocol.Diagnostic{pd},
					Edit:        s.workspaceEdit(o, []diag.Edit{suppressFileEdit(rel, content, d.Code)}),
				})
		}
	}
	if kindWanted(p.Context.Only, codeActionKindFixAll) {
		fa, ready := s.fixAll(ctx, o, rel, deadline)
		if !ready {
			s.fixAllPending(o, path, !kindWanted(p.Context.Only, protocol.CodeActionKindQuickFix))
			if actions == nil {
				actions = []protocol.CommandOrCodeAction{}
			}
		}
		if fa != nil && len(fa.edits) > 0 {
			title := "Fix all hpylint findings"
			if fa.fixed == 1 {
				title = "Fix the hpylint finding"
			}
			actions = append(actions, &protocol.CodeAction{Title: title, Kind: ptr(codeActionKindFixAll), Edit: s.workspaceEdit(o, fa.edits)})
		}
	}
	return actions, nil
}

// fixAllPending says why a code action request came without the fix-all:
// in the log, as an answer from an earlier analysis is, and to the user
// when the fix-all is all they asked for (a key bound to source.fixAll
// that seems to do nothing).
func (s *Server) fixAllPending(o *outcome, path string, onlyFixAll bool) {
	msg := fmt.Sprintf("hpylint: the fix-all of %s was not ready within %v (re-analysing the fixed text); it goes on, ask again", path, s.answerWithin)
	s.log.Warn(msg, "folder", o.folder.root)
	if onlyFixAll {
		_ = s.client.LogMessage(s.ctx, &protocol.LogMessageParams{Type: protocol.MessageTypeInfo, Message: msg})
	}
}

// onLinesOf tells whether a span of the text x indexes is on the lines
// of want: whole lines, since Neovim and others send the cursor position,
// which should find the finding anywhere on its line.
func onLinesOf(x *textpos.Index, want source.Span) func(source.Span) bool {
	last := x.Line(want.End)
	from, to := x.LineStart(x.Line(want.Start)), math.MaxInt // to: the start of the line after
	if last+1 < x.Lines() {
		to = x.LineStart(last + 1)
	}
	return func(sp source.Span) bool { return sp.End >= from && sp.Start < to }
}

// kindWanted applies the client's "only" filter: a kind matches itself and
// its parents ("source" selects "source.fixAll.hpylint").
func kindWanted(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}

// workspaceEdit turns engine edits into an LSP edit. With documentChanges
// it pins open buffers to the analysed version (the client refuses a stale
// edit) and creates files that do not exist yet, such as the CPython
// entrypoint header; otherwise it falls back to plain changes.
func (s *Server) workspaceEdit(o *outcome, edits []diag.Edit) *protocol.WorkspaceEdit {
	s.mu.Lock()
	enc, caps := s.enc, s.caps
	s.mu.Unlock()
	var order []string
	byPath := map[string][]protocol.TextEdit{}
	for _, e := range edits {
		if _, ok := byPath[e.Path]; !ok {
			order = append(order, e.Path)
		}
		byPath[e.Path] = append(byPath[e.Path], protocol.TextEdit{Range: toRange(o.lines(e.Path), e.Span, enc), NewText: e.NewText})
	}
	we := &protocol.WorkspaceEdit{}
	if !caps.documentChanges {
		we.Changes = map[uri.URI][]protocol.TextEdit{}
		for _, p := range order {
			we.Changes[o.uriFor(o.folder.abs(p))] = byPath[p]
		}
		return we
	}
	for _, p := range order {
		abs := o.folder.abs(p)
		u := o.uriFor(abs)
		if !o.snap.Exists(p) && caps.createFiles {
			we.DocumentChanges = append(we.DocumentChanges, &protocol.CreateFile{Kind: "create", URI: u})
		}
		id := protocol.OptionalVersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}}
		if v, ok := o.versions[abs]; ok {
			id.Version = ptr(v)
		}
		var elems []protocol.TextDocumentEditElement
		for i := range byPath[p] {
			elems = append(elems, &byPath[p][i])
		}
		we.DocumentChanges = append(we.DocumentChanges, &protocol.TextDocumentEdit{TextDocument: id, Edits: elems})
	}
	return we
}
