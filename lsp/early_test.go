package lsp

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// A request answered early (early.go) must say what it says once the
// analysis of the same text is done. These tests hold the worker before it
// reads the buffers, type, ask, let the analysis finish and ask again.

// gate holds every run as it starts reading the buffers, while held.
type gate struct {
	mu sync.Mutex
	ch chan struct{}
}

func (g *gate) hold() {
	g.mu.Lock()
	if g.ch == nil {
		g.ch = make(chan struct{})
	}
	g.mu.Unlock()
}

func (g *gate) release() {
	g.mu.Lock()
	if g.ch != nil {
		close(g.ch)
		g.ch = nil
	}
	g.mu.Unlock()
}

func (g *gate) stall(stage string) {
	if stage != stageBuffers {
		return
	}
	g.mu.Lock()
	ch := g.ch
	g.mu.Unlock()
	if ch != nil {
		<-ch
	}
}

// earlyServer is a server over a one-file project, with the file open.
type earlyServer struct {
	*client
	gate    *gate
	u       uri.URI
	text    string
	version int32
	seen    int // decisions read so far
}

func startEarly(t testing.TB, source string, quiet bool) *earlyServer {
	return startEarlyWith(t, source, quiet, nil)
}

// startEarlyWith is startEarly with the setup changed by change first.
func startEarlyWith(t testing.TB, source string, quiet bool, change func(*setup)) *earlyServer {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "setup.py"), []byte(earlySetup), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "m.c"), []byte(source), 0o644); err != nil {
		t.Fatal(err)
	}
	g := &gate{}
	st := setup{caps: pushCaps(), folders: []string{dir}, tweak: func(s *Server) {
		// A request that waits waits for the gate, however long.
		s.answerWithin = time.Minute
		s.stall = g.stall
	}}
	if quiet {
		st.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if change != nil {
		change(&st)
	}
	c := start(t, st)
	t.Cleanup(g.release) // before the server stops
	c.notify(protocol.MethodSetTrace, &protocol.SetTraceParams{Value: protocol.TraceValueVerbose})
	u, text := c.open(filepath.Join(dir, "m.c"))
	e := &earlyServer{client: c, gate: g, u: u, text: text, version: 1}
	e.settle()
	return e
}

// settle waits until the analysis covers every edit: the last one sent
// included (the server may not have read it yet).
func (e *earlyServer) settle() {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	path := fsPath(e.u)
	for {
		s := e.srv
		s.mu.Lock()
		done := len(s.folders) > 0
		for _, f := range s.folders {
			done = done && f.last != nil && f.gen == f.doneGen && f.last.versions[path] == e.version
		}
		s.mu.Unlock()
		if done {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatal("the analysis did not settle")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// edit replaces text[start:end] with repl in the buffer.
func (e *earlyServer) edit(start, end int, repl string) {
	e.t.Helper()
	e.version++
	e.change(e.u, e.version, protocol.Range{Start: asciiPosition(e.text, start), End: asciiPosition(e.text, end)}, repl)
	e.text = e.text[:start] + repl + e.text[end:]
}

// asciiPosition is the position of an offset; the test texts are ASCII,
// so a column is a byte count.
func asciiPosition(text string, off int) protocol.Position {
	line := strings.Count(text[:off], "\n")
	return protocol.Position{Line: uint32(line), Character: uint32(off - (strings.LastIndex(text[:off], "\n") + 1))}
}

// decision is how the server took a request: early, or why it waits.
type decision struct {
	early bool
	line  string
}

// ask sends a request and returns how the server decided to answer it and
// the answer: already there when it was answered early, else once the
// analysis is let through.
func (e *earlyServer) ask(method string, params any) (decision, <-chan json.RawMessage) {
	e.t.Helper()
	answer := make(chan json.RawMessage, 1)
	go func() {
		ctx, cancel := context.WithTimeout(e.ctx, 30*time.Second)
		defer cancel()
		var raw json.RawMessage
		if _, err := e.conn.Call(ctx, method, params, &raw); err != nil {
			raw = json.RawMessage(`"error: ` + strings.ReplaceAll(err.Error(), `"`, `'`) + `"`)
		}
		answer <- raw
	}()
	var d decision
	e.waitFor("the server's decision on "+method, func() bool {
		n := 0
		for _, l := range e.traces {
			if strings.Contains(l, " answered early in ") || strings.Contains(l, " waits for the analysis ") {
				n++
				if n > e.seen {
					d = decision{early: strings.Contains(l, " answered early in "), line: l}
					return true
				}
			}
		}
		return false
	})
	e.seen++
	return d, answer
}

func hoverParams(u uri.URI, pos protocol.Position) *protocol.HoverParams {
	return &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos}}
}

// quickFixParams asks for the quick fixes of whole lines, as a cursor on
// a line does.
func quickFixParams(u uri.URI, from, to uint32) *protocol.CodeActionParams {
	return &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        protocol.Range{Start: protocol.Position{Line: from}, End: protocol.Position{Line: to}},
		Context:      protocol.CodeActionContext{Only: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
	}
}

// probe is one request of a round.
type probe struct {
	name   string
	method string
	params any
}

// probed is a probe's outcome: how it was answered, the answer then, and the
// answer once the analysis settled.
type probed struct {
	probe
	decision
	answer, settled json.RawMessage
}

// round holds the analysis, makes the edits, sends the probes one by one
// (each decided before the next goes), lets the analysis finish, and asks
// each probe again.
func (e *earlyServer) round(edits func(), probes func() []probe) []probed {
	e.t.Helper()
	e.gate.hold()
	edits()
	var out []probed
	var pending []<-chan json.RawMessage
	for _, p := range probes() {
		d, ch := e.ask(p.method, p.params)
		r := probed{probe: p, decision: d}
		if d.early {
			select {
			case r.answer = <-ch:
			case <-time.After(20 * time.Second):
				e.t.Fatalf("%s: decided early, then unanswered", p.name)
			}
			ch = nil
		}
		out = append(out, r)
		pending = append(pending, ch)
	}
	e.gate.release()
	for i, ch := range pending {
		if ch != nil {
			out[i].answer = <-ch
		}
	}
	e.settle()
	for i := range out {
		d, ch := e.askCurrent(out[i].method, out[i].params)
		if d != "" {
			e.t.Fatalf("%s after the analysis settled: %s", out[i].name, d)
		}
		out[i].settled = <-ch
	}
	return out
}

// askCurrent asks with the analysis current; d is a decision the server
// should not have had to make.
func (e *earlyServer) askCurrent(method string, params any) (string, <-chan json.RawMessage) {
	ch := make(chan json.RawMessage, 1)
	var raw json.RawMessage
	e.call(method, params, &raw)
	ch <- raw
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, l := range e.traces {
		if strings.Contains(l, " answered early in ") || strings.Contains(l, " waits for the analysis ") {
			n++
			if n > e.seen {
				e.seen = n
				return l, ch
			}
		}
	}
	return "", ch
}

// at is the offset of the n-th occurrence (0-based) of needle, plus skip.
func at(t testing.TB, text, needle string, skip int) int {
	t.Helper()
	i := strings.Index(text, needle)
	if i < 0 {
		t.Fatalf("%q not in the text", needle)
	}
	return i + skip
}

// The cases: each types into a fresh server with the analysis held, then
// hovers and asks for the quick fixes of each finding's line.
func TestEarlyAnswersEqualSettledOnes(t *testing.T) {
	type want struct {
		hoverEarly, fixesEarly bool
	}
	cases := []struct {
		name   string
		source string
		edits  func(e *earlyServer)
		// hovers are needles to hover at (their start, plus 2, or plus
		// the digit after an @);
		// fixLines are needles whose lines' quick fixes are asked for.
		hovers, fixLines []string
		want             map[string]bool // probe name -> answered early
	}{{
		name:   "an Enter in another function",
		source: earlySource,
		edits: func(e *earlyServer) {
			i := at(e.t, e.text, "    return HPy_Dup", 0)
			e.edit(i, i, "\n")
		},
		hovers:   []string{"PyLong_AsLong", "HPy_MODINIT", "HPY201]", "int unused"},
		fixLines: []string{"PyLong_AsLong", ".size = 8", "HPy_MODINIT"},
		want: map[string]bool{
			"hover PyLong_AsLong": true, "hover HPy_MODINIT": true, "hover HPY201]": true, "hover int unused": true,
			"fixes PyLong_AsLong": true, "fixes .size = 8": true, "fixes HPy_MODINIT": true,
		},
	}, {
		name:   "spaces typed one by one in a function body",
		source: earlySource,
		edits: func(e *earlyServer) {
			for range 3 {
				i := at(e.t, e.text, "int unused", 0)
				e.edit(i, i, " ")
			}
		},
		hovers:   []string{"PyLong_AsLong", "HPy_MODINIT"},
		fixLines: []string{"PyLong_AsLong", ".size = 8", "HPy_MODINIT"},
		want: map[string]bool{
			"hover PyLong_AsLong": true, "hover HPy_MODINIT": true,
			"fixes PyLong_AsLong": true, "fixes .size = 8": true, "fixes HPy_MODINIT": true,
		},
	}, {
		name:   "a letter typed into the name under the cursor",
		source: earlySource,
		edits: func(e *earlyServer) {
			i := at(e.t, e.text, "PyLong_AsLong(", len("PyLong_AsLong"))
			e.edit(i, i, "X")
		},
		hovers:   []string{"PyLong_AsLong", "HPy_MODINIT"},
		fixLines: []string{"PyLong_AsLong", "HPy_MODINIT"},
		want: map[string]bool{
			"hover PyLong_AsLong": false, "hover HPy_MODINIT": false,
			"fixes PyLong_AsLong": false, "fixes HPy_MODINIT": false,
		},
	}, {
		name:   "an Enter on the line after HPy_MODINIT, where HPY105's fix writes",
		source: earlySource,
		edits: func(e *earlyServer) {
			e.edit(len(e.text), len(e.text), "\n")
		},
		hovers:   []string{"PyLong_AsLong"},
		fixLines: []string{"PyLong_AsLong", "HPy_MODINIT"},
		// The rules run, for HPY105's fix; the findings of other lines are
		// where moving puts them.
		want: map[string]bool{
			"hover PyLong_AsLong": true,
			"fixes PyLong_AsLong": true, "fixes HPy_MODINIT": false,
		},
	}, {
		name:   "a space on the line of HPY109's fix",
		source: earlySource,
		edits: func(e *earlyServer) {
			i := at(e.t, e.text, " };\n\nHPy_MODINIT", 0)
			e.edit(i, i, " ")
		},
		hovers:   []string{"PyLong_AsLong"},
		fixLines: []string{".size = 8", "PyLong_AsLong"},
		want: map[string]bool{
			"hover PyLong_AsLong": true,
			"fixes .size = 8":     false, "fixes PyLong_AsLong": true,
		},
	}, {
		name:   "an Enter next to a suppression comment",
		source: earlySource,
		edits: func(e *earlyServer) {
			i := at(e.t, e.text, "    long y = 2;", 0)
			e.edit(i, i, "\n")
		},
		hovers:   []string{"PyLong_AsLong"},
		fixLines: []string{"PyLong_AsLong"},
		want:     map[string]bool{"hover PyLong_AsLong": false, "fixes PyLong_AsLong": false},
	}, {
		// Read naively, the cursor after the space would still be at
		// the end of the name, which a hover includes.
		name:   "a space between the name hovered and its parenthesis, the cursor after it",
		source: earlySource,
		edits: func(e *earlyServer) {
			i := at(e.t, e.text, "(NULL)", 0)
			e.edit(i, i, " ")
		},
		hovers: []string{"(NULL)@0"},
		want:   map[string]bool{"hover (NULL)@0": false},
	}, {
		// The cursor right after the inserted tab is where the insertion
		// was: the name starts there, and nothing ends there.
		name:   "a tab typed before the name hovered, the cursor after it",
		source: earlySource,
		edits: func(e *earlyServer) {
			i := at(e.t, e.text, "PyLong_AsLong(", 0)
			e.edit(i, i, "\t")
		},
		hovers:   []string{"PyLong_AsLong(@0"},
		fixLines: []string{"PyLong_AsLong("},
		want:     map[string]bool{"hover PyLong_AsLong(@0": true, "fixes PyLong_AsLong(": true},
	}, {
		// The cursor after the inserted line break: before the Enter the
		// same byte was the end of the name, which a hover includes.
		name:   "an Enter between the name hovered and its parenthesis, the cursor after it",
		source: earlySource,
		edits: func(e *earlyServer) {
			i := at(e.t, e.text, "(NULL)", 0)
			e.edit(i, i, "\n")
		},
		hovers: []string{"(NULL)@0"},
		want:   map[string]bool{"hover (NULL)@0": false},
	}, {
		name:   "an Enter between the cited PyInit_ and HPy_MODINIT",
		source: earlyCited,
		edits: func(e *earlyServer) {
			i := at(e.t, e.text, "static long legacy", 0)
			e.edit(i, i, "\n\n")
		},
		hovers:   []string{"HPy_MODINIT(other, moddef)\nHPy", "PyLong_AsLong"},
		fixLines: []string{"HPy_MODINIT(other, moddef)\nHPy", "PyInit_other"},
		want: map[string]bool{
			"hover HPy_MODINIT(other, moddef)\nHPy": true, "hover PyLong_AsLong": true,
			"fixes HPy_MODINIT(other, moddef)\nHPy": true, "fixes PyInit_other": true,
		},
	}, {
		name:   "an Enter above the PyInit_ the hover cites",
		source: earlyCited,
		edits: func(e *earlyServer) {
			i := at(e.t, e.text, "PyObject *\nPyInit_other", 0)
			e.edit(i-1, i-1, "\n")
		},
		hovers:   []string{"HPy_MODINIT(other, moddef)\nHPy"},
		fixLines: []string{"HPy_MODINIT(other, moddef)\nHPy"},
		want: map[string]bool{
			"hover HPy_MODINIT(other, moddef)\nHPy": true,
			"fixes HPy_MODINIT(other, moddef)\nHPy": true,
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := startEarly(t, tc.source, false)
			got := e.round(func() { tc.edits(e) }, func() []probe {
				var ps []probe
				for _, h := range tc.hovers {
					needle, skip := h, 2
					if i := strings.LastIndex(h, "@"); i >= 0 {
						needle, skip = h[:i], int(h[i+1]-'0')
					}
					ps = append(ps, probe{"hover " + h, protocol.MethodTextDocumentHover, hoverParams(e.u, asciiPosition(e.text, at(t, e.text, needle, skip)))})
				}
				for _, l := range tc.fixLines {
					line := asciiPosition(e.text, at(t, e.text, l, 0)).Line
					ps = append(ps, probe{"fixes " + l, protocol.MethodTextDocumentCodeAction, quickFixParams(e.u, line, line)})
				}
				return ps
			})
			for _, p := range got {
				if w, ok := tc.want[p.name]; !ok || w != p.early {
					t.Errorf("%s: answered early %v, want %v (%s)", p.name, p.early, w, p.line)
				}
				if string(p.answer) != string(p.settled) {
					t.Errorf("%s (early %v) answered\n%s\nand once the analysis settled\n%s", p.name, p.early, p.answer, p.settled)
				}
				if string(p.settled) == "null" && p.early && strings.HasPrefix(p.name, "hover PyLong") {
					t.Errorf("%s: no hover", p.name)
				}
			}
		})
	}
}

// While the analysis cannot run, a hover and the quick fixes after a quiet
// edit are answered all the same: from the last run, moved. Without the
// early answers both would wait for the run (a minute here).
func TestAnsweredWhileTheAnalysisIsHeld(t *testing.T) {
	e := startEarly(t, earlySource, false)
	e.gate.hold()
	i := at(t, e.text, "    return HPy_Dup", 0)
	e.edit(i, i, "\n")
	var h *protocol.Hover
	if err := e.callWithin(10*time.Second, protocol.MethodTextDocumentHover, hoverParams(e.u, asciiPosition(e.text, at(t, e.text, "PyLong_AsLong", 2))), &h); err != nil {
		t.Fatal(err)
	}
	if m, ok := h.Contents.(*protocol.MarkupContent); !ok || !strings.Contains(m.Value, "**PyLong_AsLong** is CPython C API") {
		t.Errorf("hover: %+v", h)
	}
	line := asciiPosition(e.text, at(t, e.text, ".size = 8", 0)).Line
	var actions []protocol.CodeAction
	if err := e.callWithin(10*time.Second, protocol.MethodTextDocumentCodeAction, quickFixParams(e.u, line, line), &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) == 0 || actions[0].Title != "Set .size = 0" {
		t.Fatalf("quick fixes: %+v", actions)
	}
	// The fix is placed in the text as it is now, for its version.
	edit := actions[0].Edit.DocumentChanges[0].(*protocol.TextDocumentEdit)
	r := edit.Edits[0].(*protocol.TextEdit).Range
	if want := asciiPosition(e.text, at(t, e.text, "8 };", 0)); r.Start != want || *edit.TextDocument.Version != e.version {
		t.Errorf("fix at %v of version %d, want %v of version %d", r.Start, *edit.TextDocument.Version, want, e.version)
	}
}
