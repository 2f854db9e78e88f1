package lsp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/uri"
)

// Random bytes on the server's input never crash it, never make a handler
// panic (the handler's recover logs an internal error; that fails the
// input too) and never keep Serve from returning once the input ends.
//
// mode bit 0 starts the input with a well-formed initialize and initialized,
// so the fuzzer reaches the handlers; bit 1 frames the input itself with a
// correct Content-Length, cut into several messages at each 0x1e byte, so
// it explores message bodies rather than headers. "@ROOT@" in the input
// stands for a temporary directory (seeds open files there, never in a
// directory of this machine).
func FuzzServeFrames(f *testing.F) {
	open := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"@ROOT@/m.c","languageId":"c","version":1,"text":"HPy_MODINIT(x, d)\n"}}}`
	change := `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"@ROOT@/m.c","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":12},"end":{"line":0,"character":13}},"text":"m"}]}}`
	sym := `{"jsonrpc":"2.0","id":7,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"@ROOT@/m.c"}}}`
	for _, body := range []string{
		open + "\x1e" + change + "\x1e" + sym,
		`{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}` + "\x1e" + `{"jsonrpc":"1.0","method":5}` + "\x1e" + `[{"jsonrpc":"2.0","id":1,"method":"x"}, 3]`,
		`this is not json` + "\x1e" + `42` + "\x1e" + `{}` + "\x1e" + `{"jsonrpc":"2.0","id":2,"method":"workspace/didChangeConfiguration","params":{"settings":{"hpylint":{"debounce":"x"}}}}`,
	} {
		f.Add(uint8(3), []byte(body))
		f.Add(uint8(2), []byte(body))
	}
	f.Add(uint8(1), []byte("Content-Length: 16\r\n\r\nthis is not json"))
	f.Add(uint8(0), []byte("Content-Length: 99999999999\r\n\r\n{}"))
	f.Add(uint8(1), []byte("Content-Type: x\r\nContent-Length: 2\r\n\r\n{}Content-Length: -1\r\n\r\n"))
	f.Fuzz(func(t *testing.T, mode uint8, input []byte) {
		if len(input) > 64<<10 {
			t.Skip("larger than a fuzz input may be")
		}
		root := uri.File(t.TempDir())
		input = bytes.ReplaceAll(input, []byte("@ROOT@"), []byte(root))
		var stream bytes.Buffer
		frame := func(body []byte) { fmt.Fprintf(&stream, "Content-Length: %d\r\n\r\n%s", len(body), body) }
		if mode&1 == 1 {
			frame([]byte(`{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"rootUri":"` + string(root) + `","capabilities":{}}}`))
			frame([]byte(`{"jsonrpc":"2.0","method":"initialized","params":{}}`))
		}
		if mode&2 == 2 {
			for _, body := range bytes.Split(input, []byte{0x1e}) {
				frame(body)
			}
		} else {
			stream.Write(input)
		}

		failures := &failureLog{}
		done := make(chan struct{})
		go func() {
			defer close(done)
			Serve(context.Background(), readOnly{&stream}, Options{Version: "fuzz", Log: slog.New(failures), Debounce: -1})
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			panic("Serve did not return 10s after its input ended")
		}
		if report := failures.String(); report != "" {
			t.Fatalf("the server failed inside:\n%s", report)
		}
	})
}

// readOnly is a stream that ends after its input; what the server writes
// is dropped.
type readOnly struct{ r io.Reader }

func (s readOnly) Read(p []byte) (int, error)  { return s.r.Read(p) }
func (s readOnly) Write(p []byte) (int, error) { return len(p), nil }
func (s readOnly) Close() error                { return nil }

// failureLog keeps the server's internal-error reports (a recovered panic);
// other records, errors about the input included, are expected.
type failureLog struct {
	mu      sync.Mutex
	reports []string
}

func (l *failureLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *failureLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *failureLog) WithGroup(string) slog.Handler            { return l }

func (l *failureLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "internal error" { // internalFailure's record
		return nil
	}
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	l.mu.Lock()
	l.reports = append(l.reports, b.String())
	l.mu.Unlock()
	return nil
}

func (l *failureLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.reports, "\n")
}
