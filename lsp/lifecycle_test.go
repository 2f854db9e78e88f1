package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
)

// rawClient writes and reads JSON-RPC frames by hand, to control request
// ids exactly (numeric, as VS Code and Neovim send them).
type rawClient struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
	exit chan int
	msgs chan map[string]any
}

func startRaw(t *testing.T, tweak func(*Server)) *rawClient {
	a, b := net.Pipe()
	s := New(Options{Version: "test", Log: testLogger(t), Debounce: -1})
	if tweak != nil {
		tweak(s)
	}
	rc := &rawClient{t: t, conn: b, r: bufio.NewReader(b), exit: make(chan int, 1), msgs: make(chan map[string]any, 100)}
	go func() { rc.exit <- s.Serve(context.Background(), a) }()
	go rc.readLoop()
	t.Cleanup(func() { b.Close() })
	return rc
}

func (rc *rawClient) send(msg string) {
	rc.t.Helper()
	if _, err := fmt.Fprintf(rc.conn, "Content-Length: %d\r\n\r\n%s", len(msg), msg); err != nil {
		rc.t.Fatal(err)
	}
}

func (rc *rawClient) readLoop() {
	defer close(rc.msgs)
	for {
		n := -1
		for {
			line, err := rc.r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				n, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(rc.r, body); err != nil {
			return
		}
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		rc.msgs <- m
	}
}

// response waits for the response to id, skipping notifications.
func (rc *rawClient) response(id float64) map[string]any {
	rc.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case m, ok := <-rc.msgs:
			if !ok {
				rc.t.Fatalf("connection closed waiting for response %v", id)
			}
			if got, ok := m["id"].(float64); ok && got == id && m["method"] == nil {
				return m
			}
		case <-timeout:
			rc.t.Fatalf("no response to request %v", id)
		}
	}
}

func errorCode(m map[string]any) float64 {
	e, _ := m["error"].(map[string]any)
	c, _ := e["code"].(float64)
	return c
}

func (rc *rawClient) exitCode() int {
	rc.t.Helper()
	select {
	case code := <-rc.exit:
		return code
	case <-time.After(10 * time.Second):
		rc.t.Fatal("server did not exit")
	}
	return -1
}

const initMsg = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`

func TestLifecycleGateAndExitCodes(t *testing.T) {
	rc := startRaw(t, nil)
	rc.send(`{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.c"},"position":{"line":0,"character":0}}}`)
	if got := errorCode(rc.response(1)); got != float64(jsonrpc2.ServerNotInitialized) {
		t.Errorf("request before initialize: error %v, want %d", got, jsonrpc2.ServerNotInitialized)
	}
	rc.send(strings.Replace(initMsg, `"id":1`, `"id":2`, 1))
	if r := rc.response(2); r["result"] == nil {
		t.Fatalf("initialize: %v", r)
	}
	rc.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	rc.send(strings.Replace(initMsg, `"id":1`, `"id":3`, 1))
	if got := errorCode(rc.response(3)); got != float64(jsonrpc2.InvalidRequest) {
		t.Errorf("second initialize: error %v", got)
	}
	// A notification the server does not know must not end the session.
	rc.send(`{"jsonrpc":"2.0","method":"$/unknownNotification","params":{}}`)
	rc.send(`{"jsonrpc":"2.0","id":4,"method":"shutdown"}`)
	if r := rc.response(4); r["error"] != nil {
		t.Fatalf("shutdown: %v", r)
	}
	rc.send(`{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.c"},"position":{"line":0,"character":0}}}`)
	if got := errorCode(rc.response(5)); got != float64(jsonrpc2.InvalidRequest) {
		t.Errorf("request after shutdown: error %v", got)
	}
	rc.send(`{"jsonrpc":"2.0","method":"exit"}`)
	if code := rc.exitCode(); code != 0 {
		t.Errorf("exit after shutdown: code %d, want 0", code)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	rc := startRaw(t, nil)
	rc.send(initMsg)
	rc.response(1)
	rc.send(`{"jsonrpc":"2.0","method":"exit"}`)
	if code := rc.exitCode(); code != 1 {
		t.Errorf("exit without shutdown: code %d, want 1", code)
	}
}

func TestStreamClosedWithoutExit(t *testing.T) {
	rc := startRaw(t, nil)
	rc.send(initMsg)
	rc.response(1)
	rc.conn.Close()
	if code := rc.exitCode(); code != 1 {
		t.Errorf("stream closed: code %d, want 1", code)
	}
}

// A request waiting for an analysis that never ends is cancelled by
// $/cancelRequest naming its numeric id (and then a string id).
func TestCancelRequest(t *testing.T) {
	root := project(t, "speedups")
	release := make(chan struct{})
	defer close(release)
	rc := startRaw(t, func(s *Server) {
		s.run = func(ctx context.Context, snap *source.Snapshot, opts analysis.Options) *analysis.Result {
			<-release
			return analysis.Run(ctx, snap, opts)
		}
	})
	rc.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":%q,"capabilities":{}}}`, uri.File(root)))
	rc.response(1)
	rc.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	file := uri.File(filepath.Join(root, "src", "speedups.c"))
	hover := func(id string) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"method":"textDocument/hover","params":{"textDocument":{"uri":%q},"position":{"line":21,"character":14}}}`, id, file)
	}
	rc.send(hover("7"))
	rc.send(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":7}}`)
	if got := errorCode(rc.response(7)); got != float64(protocol.CodeRequestCancelled) {
		t.Errorf("cancelled numeric id: error %v, want %d", got, protocol.CodeRequestCancelled)
	}
	rc.send(hover(`"abc"`))
	rc.send(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"abc"}}`)
	timeout := time.After(10 * time.Second)
	for {
		select {
		case m := <-rc.msgs:
			if m["id"] == "abc" {
				if got := errorCode(m); got != float64(protocol.CodeRequestCancelled) {
					t.Errorf("cancelled string id: error %v", got)
				}
				return
			}
		case <-timeout:
			t.Fatal("no answer to the string-id request")
		}
	}
}

func TestPositionEncodingNegotiation(t *testing.T) {
	for _, tc := range []struct {
		offered []protocol.PositionEncodingKind
		want    protocol.PositionEncodingKind
	}{
		{nil, protocol.PositionEncodingKindUTF16},
		{[]protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF16}, protocol.PositionEncodingKindUTF16},
		{[]protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF32, protocol.PositionEncodingKindUTF8, protocol.PositionEncodingKindUTF16}, protocol.PositionEncodingKindUTF8},
	} {
		st := setup{caps: protocol.ClientCapabilities{General: &protocol.GeneralClientCapabilities{PositionEncodings: tc.offered}}}
		c := startServer(t, st)
		if got := c.initialize(st).Capabilities.PositionEncoding; got != tc.want {
			t.Errorf("offered %v: got %q, want %q", tc.offered, got, tc.want)
		}
	}
}

// $/setTrace turns on $/logTrace messages about each run.
func TestSetTrace(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	c.notify(protocol.MethodSetTrace, &protocol.SetTraceParams{Value: protocol.TraceValueVerbose})
	u, _ := c.open(filepath.Join(root, "setup.py"))
	c.change(u, 2, protocol.Range{}, "# edited\n")
	c.waitFor("a $/logTrace message", func() bool {
		for _, m := range c.traces {
			if strings.Contains(m, "analysed") {
				return true
			}
		}
		return false
	})
}

// The server exits by itself when the editor process named in processId
// is gone.
func TestParentProcessGone(t *testing.T) {
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Skip("no sleep command:", err)
	}
	rc := startRaw(t, func(s *Server) { s.parentPoll = 20 * time.Millisecond })
	rc.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":%d,"rootUri":null,"capabilities":{}}}`, cmd.Process.Pid))
	rc.response(1)
	cmd.Process.Kill()
	cmd.Wait()
	if code := rc.exitCode(); code != 1 {
		t.Errorf("exit code %d after the parent died, want 1", code)
	}
}
