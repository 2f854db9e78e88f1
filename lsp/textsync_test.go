package lsp

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Typing the right name one character at a time fixes HPY102; the
// publication carries the buffer's version.
func TestIncrementalEditsFixModinit(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))
	// Line 21 is "HPy_MODINIT(speedups, moduledef)": insert "_" at column
	// 12 in two steps, "x" then replace it by "_".
	pos := protocol.Position{Line: 21, Character: 12}
	c.change(u, 2, protocol.Range{Start: pos, End: pos}, "x")
	c.change(u, 3, protocol.Range{Start: pos, End: protocol.Position{Line: 21, Character: 13}}, "_")
	c.waitDiags(u, "HPY102 gone", lacksCode("HPY102"))
	c.mu.Lock()
	p, _ := c.lastPub(u)
	c.mu.Unlock()
	if v, ok := p.Version.Get(); !ok || v != 3 {
		t.Errorf("published version %v (set %v), want 3", v, ok)
	}
}

// A didChange whose version is not newer is refused, and an analysis that
// finishes after a newer edit arrived is never published.
func TestOutOfOrderVersions(t *testing.T) {
	root := project(t, "speedups")
	var mu sync.Mutex
	var gate chan struct{}
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: func(s *Server) {
		s.run = func(ctx context.Context, snap *source.Snapshot, opts analysis.Options) *analysis.Result {
			mu.Lock()
			g := gate
			mu.Unlock()
			if g != nil {
				<-g
			}
			return analysis.Run(ctx, snap, opts)
		}
	}})
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))

	// Hold the run of version 2 (which fixes HPY102) while version 3 breaks
	// the name again: version 2's result must never reach the client.
	mu.Lock()
	gate = make(chan struct{})
	mu.Unlock()
	pos := protocol.Position{Line: 21, Character: 12}
	c.change(u, 2, protocol.Range{Start: pos, End: pos}, "_")
	c.waitFor("the run of version 2 to start", func() bool { return c.srv.runningGen() > 0 })
	c.change(u, 3, protocol.Range{Start: pos, End: protocol.Position{Line: 21, Character: 13}}, "y")
	// A stale version (2 again) is refused: applying it would insert a
	// second character.
	c.change(u, 2, protocol.Range{Start: pos, End: pos}, "zzz")
	mu.Lock()
	close(gate)
	gate = nil
	mu.Unlock()
	ds := c.waitDiags(u, "HPY102 for version 3", func(ds []protocol.Diagnostic) bool {
		p, _ := c.lastPub(u)
		v, _ := p.Version.Get()
		return v == 3
	})
	d := findCode(ds, "HPY102")
	if d == nil || !strings.Contains(messageText(d), `"yspeedups"`) {
		t.Fatalf("want HPY102 about yspeedups, got %+v", ds)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.pubs {
		if v, ok := p.Version.Get(); ok && v == 2 && p.URI == u {
			t.Errorf("stale version 2 was published: %+v", p.Diagnostics)
		}
	}
}

// runningGen reports whether a run is in progress (for tests): the
// generation it started from, 0 when idle.
func (s *Server) runningGen() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancelRun == nil {
		return 0
	}
	return 1
}

func messageText(d *protocol.Diagnostic) string {
	if s, ok := d.Message.(protocol.String); ok {
		return string(s)
	}
	return ""
}

// The same edit and the same finding on a line with characters outside the
// BMP, in UTF-16 (each counts two units) and UTF-8 (each counts four bytes).
func TestPositionsUTF16AndUTF8(t *testing.T) {
	const prefix = "/* 😀 𝄞 */ "
	for _, enc := range []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF16, protocol.PositionEncodingKindUTF8} {
		t.Run(string(enc), func(t *testing.T) {
			root := project(t, "speedups")
			caps := pushCaps()
			caps.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{enc}}
			c := start(t, setup{caps: caps, folders: []string{root}})
			u, text := c.open(filepath.Join(root, "src", "speedups.c"))
			line := strings.Split(text, "\n")[21]
			c.change(u, 2, protocol.Range{Start: protocol.Position{Line: 21}, End: protocol.Position{Line: 21, Character: width(line, enc)}}, prefix+line)
			name := width(prefix+"HPy_MODINIT(", enc)
			ds := c.waitDiags(u, "HPY102 after the emoji", func(ds []protocol.Diagnostic) bool {
				d := findCode(ds, "HPY102")
				return d != nil && d.Range.Start.Character == name
			})
			d := findCode(ds, "HPY102")
			if want := name + width("speedups", enc); d.Range.End.Character != want || d.Range.Start.Line != 21 {
				t.Errorf("range %+v, want line 21 columns %d-%d", d.Range, name, want)
			}
			// Insert "_" before the name, addressed in the same encoding.
			at := protocol.Position{Line: 21, Character: name}
			c.change(u, 3, protocol.Range{Start: at, End: at}, "_")
			c.waitDiags(u, "HPY102 gone", lacksCode("HPY102"))
		})
	}
	if w16, w8 := width(prefix, protocol.PositionEncodingKindUTF16), width(prefix, protocol.PositionEncodingKindUTF8); w16 == w8 {
		t.Fatalf("test line does not tell the encodings apart (%d)", w16)
	}
}

func width(s string, enc protocol.PositionEncodingKind) uint32 {
	if enc == protocol.PositionEncodingKindUTF8 {
		return uint32(len(s))
	}
	return uint32(len(utf16.Encode([]rune(s))))
}

// A full-text change (no range) replaces the buffer.
func TestFullTextChange(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: strings.Replace(text, "(speedups,", "(_speedups,", 1)}},
	})
	c.waitDiags(u, "HPY102 gone", lacksCode("HPY102"))
}

// Closing a buffer with unsaved edits goes back to what the disk says.
func TestCloseRevertsToDisk(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))
	pos := protocol.Position{Line: 21, Character: 12}
	c.change(u, 2, protocol.Range{Start: pos, End: pos}, "_")
	c.waitDiags(u, "HPY102 gone", lacksCode("HPY102"))
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	c.waitDiags(uri.File(filepath.Join(root, "src", "speedups.c")), "HPY102 back", hasCode("HPY102"))
}
