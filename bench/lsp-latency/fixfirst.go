package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"time"
	"unicode/utf8"
)

// Issue #14 times the first key typed into a file opened after a code
// action on another file: a user fixes one file, then opens the next.
// -fix-first FILE does that before the measured file is opened: it opens
// FILE, asks the server for its quick fixes, applies the first whose edit
// changes FILE alone (a fix that also makes another file is passed over:
// this client writes nothing to disk), and waits for the publication of
// the fixed text. FILE stays open, as in an editor.

// fixFirst does -fix-first and reports it in res.
func (s *session) fixFirst(res *result) error {
	path := s.cfg.fixFirst
	text, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	uri := fileURI(path)
	s.conn.watch(sameFile(path))
	defer s.conn.watch(sameFile(s.cfg.file))
	open, err := json.Marshal(map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": languageID(path), "version": 1, "text": string(text)},
	})
	if err != nil {
		return err
	}
	opened := time.Now()
	if err := s.conn.send(message{Method: "textDocument/didOpen", Params: open}); err != nil {
		return err
	}
	if _, err := s.waitPublication(1, opened, "the first publication of -fix-first's file"); err != nil {
		return err
	}
	lines := bytes.Count(text, []byte("\n")) + 1
	whole := map[string]any{"start": map[string]int{"line": 0, "character": 0}, "end": map[string]int{"line": lines, "character": 0}}
	asked := time.Now()
	answer, err := s.conn.callTimed("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": whole,
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"quickfix"}},
	}, s.cfg.timeout)
	if err != nil {
		return fmt.Errorf("-fix-first: %w", err)
	}
	title, edits, err := firstOwnFix(answer.Result, uri)
	if err != nil {
		return fmt.Errorf("-fix-first %s: %w", path, err)
	}
	fixed, err := applyEdits(text, edits)
	if err != nil {
		return fmt.Errorf("-fix-first %s, %q: %w", path, title, err)
	}
	change := map[string]any{"text": string(fixed), "range": whole}
	if s.full {
		change = map[string]any{"text": string(fixed)}
	}
	body, err := json.Marshal(map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{change},
	})
	if err != nil {
		return err
	}
	sent := time.Now()
	if err := s.conn.send(message{Method: "textDocument/didChange", Params: body}); err != nil {
		return err
	}
	pub, err := s.waitPublication(2, sent, fmt.Sprintf("the publication of -fix-first's file fixed by %q", title))
	if err != nil {
		return err
	}
	res.FixFirst, res.FixTitle = path, title
	res.FixAnswerMS, res.FixPublishMS = ms(answer.arrived.Sub(asked)), ms(pub.at.Sub(sent))
	s.sawVersion = false // the measured file's publications start afresh
	return nil
}

// textEdit is an LSP TextEdit.
type textEdit struct {
	Range struct {
		Start lspPosition `json:"start"`
		End   lspPosition `json:"end"`
	} `json:"range"`
	NewText string `json:"newText"`
}

type lspPosition struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// firstOwnFix is the title and edits of the first code action in answer
// whose edit changes the document uri and nothing else.
func firstOwnFix(answer json.RawMessage, uri string) (string, []textEdit, error) {
	var actions []struct {
		Title string `json:"title"`
		Edit  *struct {
			Changes         map[string][]textEdit `json:"changes"`
			DocumentChanges []struct {
				Kind         string `json:"kind"`
				TextDocument *struct {
					URI string `json:"uri"`
				} `json:"textDocument"`
				Edits []textEdit `json:"edits"`
			} `json:"documentChanges"`
		} `json:"edit"`
	}
	if err := json.Unmarshal(answer, &actions); err != nil {
		return "", nil, fmt.Errorf("the code actions are not a list of CodeAction: %v", err)
	}
	for _, a := range actions {
		if a.Edit == nil {
			continue
		}
		var edits []textEdit
		own := true
		for u, es := range a.Edit.Changes {
			own = own && u == uri
			edits = append(edits, es...)
		}
		for _, dc := range a.Edit.DocumentChanges {
			own = own && dc.Kind == "" && dc.TextDocument != nil && dc.TextDocument.URI == uri
			edits = append(edits, dc.Edits...)
		}
		if own && len(edits) > 0 {
			return a.Title, edits, nil
		}
	}
	return "", nil, fmt.Errorf("none of the %d quick fixes offered changes this file alone", len(actions))
}

// applyEdits applies LSP text edits, whose characters count UTF-16 code
// units (the encoding a client that states none gets), to text.
func applyEdits(text []byte, edits []textEdit) ([]byte, error) {
	type span struct {
		start, end int
		newText    string
	}
	spans := make([]span, 0, len(edits))
	for _, e := range edits {
		start, err := offsetOf(text, e.Range.Start)
		if err != nil {
			return nil, err
		}
		end, err := offsetOf(text, e.Range.End)
		if err != nil {
			return nil, err
		}
		if end < start {
			return nil, fmt.Errorf("an edit ends before it starts (%+v)", e.Range)
		}
		spans = append(spans, span{start, end, e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var out []byte
	at := 0
	for _, sp := range spans {
		if sp.start < at {
			return nil, fmt.Errorf("edits overlap at byte %d", sp.start)
		}
		out = append(append(out, text[at:sp.start]...), sp.newText...)
		at = sp.end
	}
	return append(out, text[at:]...), nil
}

// offsetOf is the byte offset of an LSP position in text; a position past
// the end of its line is the line's end, and one past the last line the
// text's end, as LSP asks.
func offsetOf(text []byte, p lspPosition) (int, error) {
	if p.Line < 0 || p.Character < 0 {
		return 0, fmt.Errorf("a negative position %+v", p)
	}
	off := 0
	for line := 0; line < p.Line; line++ {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text), nil
		}
		off += i + 1
	}
	for units := 0; units < p.Character && off < len(text) && text[off] != '\n'; {
		r, size := utf8.DecodeRune(text[off:])
		units++
		if r >= 0x10000 {
			units++ // a surrogate pair
		}
		off += size
	}
	return off, nil
}
