package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// config is one measurement; see the flags in main.go.
type config struct {
	server      []string // the command line of the server
	workspace   string   // absolute
	file        string   // absolute
	edits       int
	key         string // "enter" or "char"
	spread      bool
	upto        int // the last line (1-based) of Enter keys; 0: the last finding's
	seed        int64
	burst       time.Duration // 0: wait for each edit's publication
	request     string        // burst mode: "hover", "codeaction" or "fixall" after each key, timed
	settle      time.Duration // idle after the first publication
	pause       time.Duration // idle between a publication and the next edit
	timeout     time.Duration // the longest wait for any one answer
	initOptions json.RawMessage
	fixFirst    string // absolute; "" for none (fixfirst.go)
}

// result is what a measurement reports; the JSON names are the -json
// output's.
type result struct {
	Server    string `json:"server"`
	Workspace string `json:"workspace"`
	File      string `json:"file"`
	Bytes     int    `json:"bytes"`
	Sync      string `json:"sync"`
	Key       string `json:"key"`
	Spread    bool   `json:"spread"`
	Seed      int64  `json:"seed"`
	Upto      int    `json:"upto,omitempty"` // Enter keys went to lines 1 to Upto
	Edits     int    `json:"edits"`
	// Published counts the edits whose own publication arrived (sequential
	// mode), or 1 when the final text's did (burst mode).
	Published int     `json:"published"`
	OpenMS    float64 `json:"open_to_first_publish_ms"`
	FirstMS   float64 `json:"first_edit_ms,omitempty"`
	P50MS     float64 `json:"p50_ms,omitempty"`
	P95MS     float64 `json:"p95_ms,omitempty"`
	P99MS     float64 `json:"p99_ms,omitempty"`
	MaxMS     float64 `json:"max_ms,omitempty"`
	BurstMS   float64 `json:"burst_interval_ms,omitempty"`
	// BurstLastMS is the time from the last edit of the burst to the
	// publication of the final text; BurstPublished counts the
	// publications during the burst, the final one included.
	BurstLastMS    float64 `json:"burst_last_edit_to_publish_ms,omitempty"`
	BurstPublished int     `json:"burst_publications,omitempty"`
	// Request, Requests and the Request percentiles time the requests sent
	// after each key of a burst (-request).
	Request      string  `json:"request,omitempty"`
	Requests     int     `json:"requests,omitempty"`
	RequestP50MS float64 `json:"request_p50_ms,omitempty"`
	RequestP95MS float64 `json:"request_p95_ms,omitempty"`
	RequestP99MS float64 `json:"request_p99_ms,omitempty"`
	RequestMaxMS float64 `json:"request_max_ms,omitempty"`
	PeakRSSKB    *int64  `json:"peak_rss_kb"` // null off Linux
	// FixFirst is the file -fix-first fixed before the measured file was
	// opened, FixTitle the quick fix applied; FixAnswerMS and FixPublishMS
	// time the code action's answer and the publication of the fixed text.
	FixFirst     string  `json:"fix_first,omitempty"`
	FixTitle     string  `json:"fix_title,omitempty"`
	FixAnswerMS  float64 `json:"fix_answer_ms,omitempty"`
	FixPublishMS float64 `json:"fix_publish_ms,omitempty"`

	latencies []time.Duration // per edit, in order (sequential mode)
	versions  []int           // the version of the publication that ended each edit, -1 for none
}

// session is a running server and the document being typed into.
type session struct {
	cfg     config
	cmd     *exec.Cmd
	stderr  *tail
	conn    *conn
	uri     string
	text    []byte
	version int
	full    bool // the server takes whole texts, not ranges
	// sawVersion is set once the server has published a version: from then
	// on a publication without one answers no edit.
	sawVersion bool
	skipped    int // publications waitPublication passed over
	// at is where -request asks: the first finding of the first
	// publication, moved down by the Enter keys typed above it.
	at position
}

type position struct{ line, char int }

// run starts the server, opens the file, types and reports.
func run(cfg config) (*result, error) {
	text, err := os.ReadFile(cfg.file)
	if err != nil {
		return nil, err
	}
	s := &session{cfg: cfg, text: text, uri: fileURI(cfg.file), stderr: &tail{max: 8 << 10}}
	if err := s.start(); err != nil {
		return nil, err
	}
	res, err := s.measure()
	if err != nil {
		s.kill()
		return nil, s.explain(err)
	}
	if err := s.shutdown(); err != nil {
		return nil, s.explain(err)
	}
	return res, nil
}

func (s *session) start() error {
	s.cmd = exec.Command(s.cfg.server[0], s.cfg.server[1:]...)
	s.cmd.Dir = s.cfg.workspace
	s.cmd.Stderr = s.stderr
	in, err := s.cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("starting the server: %w", err)
	}
	folders, _ := json.Marshal([]map[string]string{{"uri": fileURI(s.cfg.workspace), "name": filepath.Base(s.cfg.workspace)}})
	same := sameFile(s.cfg.file)
	// Every publication for the document is kept until read: an edit's
	// and the few a server sends besides, burst mode's included.
	s.conn = newConn(in, out, folders, same, 4*s.cfg.edits+1024)
	return nil
}

func (s *session) measure() (*result, error) {
	cfg := s.cfg
	res := &result{
		Server: strings.Join(cfg.server, " "), Workspace: cfg.workspace, File: cfg.file, Bytes: len(s.text),
		Key: cfg.key, Spread: cfg.spread, Seed: cfg.seed, Edits: cfg.edits,
	}
	if err := s.initialize(); err != nil {
		return nil, err
	}
	res.Sync = "incremental"
	if s.full {
		res.Sync = "full"
	}
	if cfg.fixFirst != "" {
		if err := s.fixFirst(res); err != nil {
			return nil, err
		}
	}
	s.version = 1
	open, err := json.Marshal(map[string]any{
		"textDocument": map[string]any{"uri": s.uri, "languageId": languageID(cfg.file), "version": 1, "text": string(s.text)},
	})
	if err != nil {
		return nil, err
	}
	s.drain()
	opened := time.Now()
	if err := s.conn.send(message{Method: "textDocument/didOpen", Params: open}); err != nil {
		return nil, err
	}
	first, err := s.waitPublication(1, opened, "the first publication after didOpen")
	if err != nil {
		return nil, err
	}
	res.OpenMS = ms(first.at.Sub(opened))
	time.Sleep(cfg.settle)
	s.drain()
	fileLines := bytes.Count(s.text, []byte("\n")) + 1
	upto := enterRange(cfg.upto, first.lines, fileLines)
	if cfg.key == "enter" {
		res.Upto = upto + 1
	}
	planned := cfg.key
	if planned == "code" {
		planned = "char" // a line with a finding, which every key moves
	}
	lines, err := planLines(first.lines, fileLines, upto, cfg.edits, planned, cfg.spread, cfg.seed)
	if err != nil {
		return nil, err
	}
	keys := planKeys(lines, cfg.key, s.text, cfg.edits)
	if cfg.burst > 0 {
		if len(first.lines) > 0 {
			s.at = position{line: first.lines[0], char: first.chars[0]}
		}
		err = s.typeBurst(keys, res)
	} else {
		err = s.typeAndWait(keys, res)
	}
	if err != nil {
		return nil, err
	}
	res.PeakRSSKB = peakRSS(s.cmd.Process.Pid)
	return res, nil
}

func (s *session) initialize() error {
	root := fileURI(s.cfg.workspace)
	params := map[string]any{
		"processId":  os.Getpid(),
		"clientInfo": map[string]string{"name": "lsp-latency"},
		"rootUri":    root,
		"rootPath":   s.cfg.workspace,
		"workspaceFolders": []map[string]string{
			{"uri": root, "name": filepath.Base(s.cfg.workspace)},
		},
		"capabilities": map[string]any{
			"workspace": map[string]any{"workspaceFolders": true, "configuration": true},
			"textDocument": map[string]any{
				"synchronization":    map[string]any{"didSave": true},
				"publishDiagnostics": map[string]any{"versionSupport": true, "relatedInformation": true},
			},
			"window": map[string]any{"workDoneProgress": true},
		},
	}
	if len(s.cfg.initOptions) > 0 {
		params["initializationOptions"] = s.cfg.initOptions
	}
	raw, err := s.conn.call("initialize", params, s.cfg.timeout)
	if err != nil {
		return err
	}
	var answer struct {
		Capabilities struct {
			TextDocumentSync json.RawMessage `json:"textDocumentSync"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		return fmt.Errorf("initialize: the answer is not an InitializeResult: %v", err)
	}
	kind, err := syncKind(answer.Capabilities.TextDocumentSync)
	if err != nil {
		return err
	}
	s.full = kind == 1
	return s.conn.notify("initialized", map[string]any{})
}

// syncKind reads textDocumentSync, a kind or TextDocumentSyncOptions.
func syncKind(raw json.RawMessage) (int, error) {
	var kind int
	if json.Unmarshal(raw, &kind) != nil {
		var opts struct {
			Change *int `json:"change"`
		}
		if err := json.Unmarshal(raw, &opts); err != nil || opts.Change == nil {
			return 0, fmt.Errorf("initialize: the server states no textDocumentSync change kind (%s)", raw)
		}
		kind = *opts.Change
	}
	if kind != 1 && kind != 2 {
		return 0, fmt.Errorf("initialize: the server takes no document changes (textDocumentSync %s)", raw)
	}
	return kind, nil
}

// drain drops the publications that arrived so far, each the answer to
// an edit already measured or to none.
func (s *session) drain() {
	for {
		select {
		case <-s.conn.pubs:
		default:
			return
		}
	}
}

// edit applies one key and sends it; it returns when it began to write,
// the start of the edit's trip.
func (s *session) edit(k keyEdit) (time.Time, error) {
	s.version++
	s.text = insertAt(s.text, k.line, k.char, k.text)
	change := map[string]any{"text": k.text, "range": map[string]any{
		"start": map[string]int{"line": k.line, "character": k.char},
		"end":   map[string]int{"line": k.line, "character": k.char},
	}}
	if s.full {
		change = map[string]any{"text": string(s.text)}
	}
	body, err := json.Marshal(map[string]any{
		"textDocument":   map[string]any{"uri": s.uri, "version": s.version},
		"contentChanges": []any{change},
	})
	if err != nil {
		return time.Time{}, err
	}
	sent := time.Now()
	return sent, s.conn.send(message{Method: "textDocument/didChange", Params: body})
}

func (s *session) typeAndWait(keys []keyEdit, res *result) error {
	for i, k := range keys {
		time.Sleep(s.cfg.pause)
		sent, err := s.edit(k)
		if err != nil {
			return err
		}
		pub, err := s.waitPublication(s.version, sent, fmt.Sprintf("the publication of edit %d of %d (version %d, line %d)", i+1, len(keys), s.version, k.line+1))
		if err != nil {
			return err
		}
		res.latencies = append(res.latencies, pub.at.Sub(sent))
		res.versions = append(res.versions, versionOf(pub))
		res.Published++
	}
	summarise(res)
	return nil
}

func (s *session) typeBurst(keys []keyEdit, res *result) error {
	res.BurstMS = ms(s.cfg.burst)
	tick := time.NewTicker(s.cfg.burst)
	defer tick.Stop()
	var last time.Time
	var took []time.Duration
	for i, k := range keys {
		if i > 0 {
			<-tick.C
		}
		var err error
		if last, err = s.edit(k); err != nil {
			return err
		}
		switch {
		case k.text == "\n" && k.line <= s.at.line:
			s.at.line++
		case k.line == s.at.line && k.char <= s.at.char:
			s.at.char += len(k.text) // the request stays on the same text
		}
		if s.cfg.request != "" {
			d, err := s.ask()
			if err != nil {
				return err
			}
			took = append(took, d)
		}
	}
	if len(took) > 0 {
		sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
		res.Request, res.Requests = s.cfg.request, len(took)
		res.RequestP50MS, res.RequestP95MS, res.RequestP99MS = ms(percentile(took, 0.5)), ms(percentile(took, 0.95)), ms(percentile(took, 0.99))
		res.RequestMaxMS = ms(took[len(took)-1])
	}
	s.skipped = 0
	pub, err := s.waitPublication(s.version, last, fmt.Sprintf("the publication of the final text (version %d) after a burst of %d edits", s.version, len(keys)))
	if err != nil {
		return err
	}
	res.BurstLastMS = ms(pub.at.Sub(last))
	res.BurstPublished = s.skipped + 1
	res.Published = 1
	res.versions = []int{versionOf(pub)}
	return nil
}

// actionKinds are the code actions -request can ask for.
var actionKinds = map[string]string{"codeaction": "quickfix", "fixall": "source.fixAll"}

// ask sends the -request at s.at and times its answer.
func (s *session) ask() (time.Duration, error) {
	pos := map[string]int{"line": s.at.line, "character": s.at.char}
	doc := map[string]any{"uri": s.uri}
	method, params := "textDocument/hover", map[string]any{"textDocument": doc, "position": pos}
	if kind, ok := actionKinds[s.cfg.request]; ok {
		method = "textDocument/codeAction"
		params = map[string]any{"textDocument": doc, "range": map[string]any{"start": pos, "end": pos},
			"context": map[string]any{"diagnostics": []any{}, "only": []string{kind}}}
	}
	sent := time.Now()
	m, err := s.conn.callTimed(method, params, s.cfg.timeout)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", method, err)
	}
	return m.arrived.Sub(sent), nil
}

// waitPublication waits for the publication of version want: one that
// names a lower version is a late answer to an earlier text and is
// skipped. A server that never sends versions is taken at its first
// publication read after the message it answers was sent.
func (s *session) waitPublication(want int, sent time.Time, what string) (publication, error) {
	deadline := time.NewTimer(s.cfg.timeout)
	defer deadline.Stop()
	for {
		select {
		case pub := <-s.conn.pubs:
			if pub.version == nil {
				if s.sawVersion || pub.at.Before(sent) {
					s.skipped++
					continue
				}
				return pub, nil
			}
			s.sawVersion = true
			switch {
			case *pub.version < want:
				s.skipped++
			case *pub.version == want:
				return pub, nil
			case *pub.version > want:
				return pub, fmt.Errorf("waiting for %s: the server published version %d, which the client never sent", what, *pub.version)
			}
		case <-s.conn.closed:
			return publication{}, fmt.Errorf("waiting for %s: the server's output ended (%v)", what, s.conn.readErr)
		case <-deadline.C:
			return publication{}, fmt.Errorf("waiting for %s: nothing within %v (-timeout); a server may publish only when the findings change (hpyls does: an Enter below its last finding, see -upto, moves none) or never publish for this file", what, s.cfg.timeout)
		}
	}
}

func versionOf(p publication) int {
	if p.version == nil {
		return -1
	}
	return *p.version
}

func (s *session) shutdown() error {
	if _, err := s.conn.call("shutdown", nil, s.cfg.timeout); err != nil {
		s.kill()
		return err
	}
	_ = s.conn.notify("exit", nil)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return fmt.Errorf("the server exited with %v after shutdown and exit", exit)
		}
		return nil
	case <-time.After(s.cfg.timeout):
		_ = s.cmd.Process.Kill()
		return fmt.Errorf("the server did not exit within %v of the exit notification", s.cfg.timeout)
	}
}

func (s *session) kill() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
	}
}

// explain adds the end of the server's stderr to an error.
func (s *session) explain(err error) error {
	if t := strings.TrimSpace(s.stderr.String()); t != "" {
		return fmt.Errorf("%w\nthe server's stderr ends with:\n%s", err, t)
	}
	return err
}

// peakRSS reads VmHWM, the peak resident set, of a process; nil off Linux.
func peakRSS(pid int) *int64 {
	if runtime.GOOS != "linux" {
		return nil
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return nil
			}
			return &kb
		}
	}
	return nil
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// sameFile tells whether a URI names path, by its own spelling or, since a
// server may resolve links, by the file it resolves to.
func sameFile(path string) func(string) bool {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		real = path
	}
	return func(uri string) bool {
		u, err := url.Parse(uri)
		if err != nil || u.Scheme != "file" {
			return false
		}
		p := filepath.Clean(filepath.FromSlash(u.Path))
		return p == path || p == real
	}
}

func languageID(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx":
		return "cpp"
	}
	return "c"
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
