package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// session is a running hpyls process with its pipes.
type session struct {
	t         *testing.T
	cmd       *exec.Cmd
	stdin     io.WriteCloser
	responses chan map[string]any // messages with an id and no method
	log       string
	stderr    *bytes.Buffer
}

func startSession(t *testing.T) *session {
	t.Helper()
	s := &session{t: t, log: filepath.Join(t.TempDir(), "hpyls.log"), stderr: &bytes.Buffer{}, responses: make(chan map[string]any, 100)}
	s.cmd = hpyls("--log", s.log)
	s.cmd.Stderr = s.stderr
	s.stdin, _ = s.cmd.StdinPipe()
	stdout, _ := s.cmd.StdoutPipe()
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	frames := make(chan string, 100)
	go readFrames(stdout, frames)
	go func() {
		defer close(s.responses)
		for f := range frames {
			var m map[string]any
			if err := json.Unmarshal([]byte(f), &m); err != nil {
				t.Errorf("hpyls wrote a frame that is not a JSON object: %q", f)
				continue
			}
			if _, isCall := m["method"]; !isCall {
				s.responses <- m
			}
		}
	}()
	t.Cleanup(func() {
		s.stdin.Close()
		done := make(chan struct{})
		go func() { s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			s.cmd.Process.Kill()
		}
	})
	return s
}

func (s *session) send(raw string) {
	s.t.Helper()
	if _, err := io.WriteString(s.stdin, raw); err != nil {
		s.t.Fatalf("writing to hpyls: %v", err)
	}
}

// next is the next response; it fails the test if none comes.
func (s *session) next(what string) map[string]any {
	s.t.Helper()
	select {
	case m, ok := <-s.responses:
		if !ok {
			s.t.Fatalf("hpyls closed its output before answering %s; stderr:\n%s", what, s.stderr)
		}
		return m
	case <-time.After(10 * time.Second):
		s.t.Fatalf("no answer to %s", what)
	}
	return nil
}

func (s *session) exitCode() int {
	s.t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		s.t.Fatal("hpyls did not exit")
	}
	return s.cmd.ProcessState.ExitCode()
}

func errorOf(m map[string]any) (code float64, message string) {
	e, _ := m["error"].(map[string]any)
	code, _ = e["code"].(float64)
	message, _ = e["message"].(string)
	return code, message
}

// A workspace with one HPy module, opened in the session.
func openModule(t *testing.T, s *session) string {
	dir := t.TempDir()
	src := "#include \"hpy.h\"\n\nstatic HPyModuleDef moduledef = { .doc = \"d\" };\n\nHPy_MODINIT(wiremod, moduledef)\n"
	path := filepath.Join(dir, "wiremod.c")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + path
	s.send(frame(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":%q,"capabilities":{"textDocument":{"documentSymbol":{"hierarchicalDocumentSymbolSupport":true}}}}}`, "file://"+dir)))
	if m := s.next("initialize"); m["result"] == nil {
		t.Fatalf("initialize: %v", m)
	}
	s.send(frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`))
	text, _ := json.Marshal(src)
	s.send(frame(fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":%q,"languageId":"c","version":1,"text":%s}}}`, uri, text)))
	return uri
}

// symbolsAnswered asks for the document's symbols under id and requires
// the module among them: the server still answers, and answers right.
func (s *session) symbolsAnswered(uri string, id int, after string) {
	s.t.Helper()
	s.send(frame(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":%q}}}`, id, uri)))
	m := s.next("documentSymbol after " + after)
	if m["id"] != float64(id) || m["error"] != nil || !strings.Contains(fmt.Sprint(m["result"]), "wiremod") {
		s.t.Fatalf("after %s: documentSymbol answered %v", after, m)
	}
}

// D6: every malformed message gets its JSON-RPC error, with id null or
// the id it carried when that id is usable, and the session goes on: the
// next request gets its right answer. D14: params of the wrong type are
// invalid params, not a parse error.
func TestMalformedMessagesAreAnswered(t *testing.T) {
	for _, tc := range malformed {
		t.Run(tc.name, func(t *testing.T) {
			s := startSession(t)
			uri := openModule(t, s)
			s.symbolsAnswered(uri, 2, "opening")
			s.check(uri, 3, tc)
		})
	}
	t.Run("all in one session, then shutdown", func(t *testing.T) {
		s := startSession(t)
		uri := openModule(t, s)
		for i, tc := range malformed {
			s.check(uri, 100+i, tc)
		}
		s.send(frame(`{"jsonrpc":"2.0","id":99,"method":"shutdown"}`))
		if m := s.next("shutdown"); m["error"] != nil {
			t.Fatalf("shutdown: %v", m)
		}
		s.send(frame(`{"jsonrpc":"2.0","method":"exit"}`))
		if code := s.exitCode(); code != 0 {
			t.Errorf("exit code %d after shutdown and exit, want 0", code)
		}
	})
}

type malformedCase struct {
	name   string
	raw    string // the whole frame, header included
	code   float64
	id     any // nil is a null id
	reason string
}

// check sends one malformed message, requires its error reply, then the
// right answer to a normal request under id.
func (s *session) check(uri string, id int, tc malformedCase) {
	s.t.Helper()
	s.send(tc.raw)
	m := s.next(tc.name)
	code, msg := errorOf(m)
	if code != tc.code || m["id"] != tc.id || !strings.Contains(msg, tc.reason) {
		s.t.Errorf("%s: got %v, want error %v with id %v mentioning %q", tc.name, m, tc.code, tc.id, tc.reason)
	}
	if v, _ := m["jsonrpc"].(string); v != "2.0" {
		s.t.Errorf("%s: reply without jsonrpc 2.0: %v", tc.name, m)
	}
	s.symbolsAnswered(uri, id, tc.name)
}

var malformed = []malformedCase{
	{"non-JSON body", frame("this is not json"), -32700, nil, "parse error"},
	{"truncated JSON", frame(`{"jsonrpc":"2.0","id":3,"method":`), -32700, nil, "parse error"},
	{"scalar body", frame("42"), -32600, nil, "object"},
	{"string body", frame(`"initialize"`), -32600, nil, "object"},
	{"null body", frame("null"), -32600, nil, "object"},
	{"empty batch", frame("[]"), -32600, nil, "batch"},
	{"object without method or id", frame(`{"jsonrpc":"2.0"}`), -32600, nil, "method"},
	{"object without method or id, with params", frame(`{"jsonrpc":"2.0","params":{}}`), -32600, nil, "method"},
	{"jsonrpc missing", frame(`{"id":5,"method":"textDocument/hover","params":{}}`), -32600, 5.0, "2.0"},
	{"jsonrpc 1.0", frame(`{"jsonrpc":"1.0","id":"six","method":"textDocument/hover","params":{}}`), -32600, "six", "2.0"},
	{"jsonrpc a number", frame(`{"jsonrpc":2.0,"id":7,"method":"textDocument/hover","params":{}}`), -32600, 7.0, "2.0"},
	{"id an object", frame(`{"jsonrpc":"2.0","id":{"n":8},"method":"textDocument/hover","params":{}}`), -32600, nil, "id"},
	{"id a float", frame(`{"jsonrpc":"2.0","id":8.5,"method":"textDocument/hover","params":{}}`), -32600, nil, "id"},
	{"id a bool", frame(`{"jsonrpc":"2.0","id":true,"method":"textDocument/hover","params":{}}`), -32600, nil, "id"},
	{"id an array", frame(`{"jsonrpc":"2.0","id":[8],"method":"textDocument/hover","params":{}}`), -32600, nil, "id"},
	{"id beyond int64", frame(`{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"textDocument/hover","params":{}}`), -32600, nil, "id"},
	{"method a number", frame(`{"jsonrpc":"2.0","id":9,"method":5}`), -32600, 9.0, "method"},
	{"method a number, notification", frame(`{"jsonrpc":"2.0","method":5}`), -32600, nil, "method"},
	{"method with a result", frame(`{"jsonrpc":"2.0","id":10,"method":"textDocument/hover","result":1}`), -32600, 10.0, "result"},
	{"params a scalar", frame(`{"jsonrpc":"2.0","id":11,"method":"textDocument/hover","params":3}`), -32600, 11.0, "params"},
	// A valid shutdown with bytes after it must not shut the server
	// down: the next documentSymbol would be refused.
	{"trailing bytes", frame(`{"jsonrpc":"2.0","id":12,"method":"shutdown"}xyz`), -32700, nil, "parse error"},
	{"two objects", frame(`{"jsonrpc":"2.0","id":13,"method":"shutdown"}{"jsonrpc":"2.0","method":"exit"}`), -32700, nil, "parse error"},
	{"invalid params", frame(`{"jsonrpc":"2.0","id":14,"method":"textDocument/hover","params":{"textDocument":5,"position":"top"}}`), -32602, 14.0, "textDocument/hover"},
	{"invalid params, documentSymbol", frame(`{"jsonrpc":"2.0","id":"15","method":"textDocument/documentSymbol","params":{"textDocument":{"uri":["x"]}}}`), -32602, "15", "documentSymbol"},
}

// A frame whose length cannot be known cannot be skipped: the session ends
// with the reason in the log and exit code 1, not a crash, even right
// after shutdown.
func TestBrokenFrameEndsTheSession(t *testing.T) {
	for _, tc := range []struct{ name, raw, reason string }{
		{"bad Content-Length", "Content-Length: 12x\r\n\r\n{}", "bad Content-Length"},
		{"negative Content-Length", "Content-Length: -5\r\n\r\n{}", "bad Content-Length"},
		{"missing Content-Length", "Content-Type: application/vscode-jsonrpc\r\n\r\n{}", "without Content-Length"},
		{"header line without colon", "Content-Length 2\r\n\r\n{}", "no colon"},
		{"body without header", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}\r\n\r\n", "without Content-Length"},
		{"conflicting Content-Length", "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "bad Content-Length"},
	} {
		for _, shutdownFirst := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/shutdown=%v", tc.name, shutdownFirst), func(t *testing.T) {
				s := startSession(t)
				s.send(frame(initialize))
				s.next("initialize")
				if shutdownFirst {
					s.send(frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`))
					s.next("shutdown")
				}
				s.send(tc.raw) // stdin stays open: the server ends by itself
				if code := s.exitCode(); code != 1 {
					t.Errorf("exit code %d, want 1", code)
				}
				log, _ := os.ReadFile(s.log)
				if !bytes.Contains(log, []byte("broken frame")) || !bytes.Contains(log, []byte(tc.reason)) {
					t.Errorf("the log does not give the reason %q:\n%s", tc.reason, log)
				}
				if bytes.Contains(s.stderr.Bytes(), []byte("panic")) {
					t.Errorf("crashed:\n%s", s.stderr)
				}
			})
		}
	}
}
