package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
)

// pipe is a client stream: reads come from in, writes collect in out.
type pipe struct {
	in  io.Reader
	out bytes.Buffer
}

func (p *pipe) Read(b []byte) (int, error)  { return p.in.Read(b) }
func (p *pipe) Write(b []byte) (int, error) { return p.out.Write(b) }
func (p *pipe) Close() error                { return nil }

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// Framing that stays in step is read through: other header fields, any
// case, a stray line end between frames; an oversized body is skipped
// unread and answered, and the next message still arrives.
func TestConnKeepsInStep(t *testing.T) {
	defer func(n int) { MaxBody = n }(MaxBody)
	MaxBody = 64
	ok := `{"jsonrpc":"2.0","id":1,"method":"shutdown"}`
	huge := `{"jsonrpc":"2.0","method":"x","params":{"pad":"` + strings.Repeat("a", 100) + `"}}`
	in := frame(huge) +
		"\r\n" +
		fmt.Sprintf("content-length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n%s", len(ok), ok) +
		"Content-Length: 3\n\n[1]"
	p := &pipe{in: strings.NewReader(in)}
	got, err := io.ReadAll(New(p, nil))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if want := frame(ok) + frame("[1]"); string(got) != want {
		t.Errorf("handed on %q, want %q", got, want)
	}
	if !strings.Contains(p.out.String(), `"code":-32600`) || !strings.Contains(p.out.String(), "exceeds the limit") {
		t.Errorf("oversized message answered %q", p.out.String())
	}
}

// A frame cut short by the end of the stream is not a broken frame: the
// client went away.
func TestConnTruncated(t *testing.T) {
	c := New(&pipe{in: strings.NewReader("Content-Length: 10\r\n\r\n{}")}, nil)
	if _, err := io.ReadAll(c); err != io.ErrUnexpectedEOF || c.Broken() != nil {
		t.Errorf("truncated body: %v, broken %v", err, c.Broken())
	}
}

// A malformed answer to one of the server's own calls is answered as an
// invalid request, and the library gets an error response in its place,
// so the call does not wait forever.
func TestMalformedResponse(t *testing.T) {
	for _, body := range []string{
		`{"jsonrpc":"2.0","id":3,"error":"boom"}`,
		`{"jsonrpc":"2.0","id":3,"error":{"code":1.5,"message":"m"}}`,
		`{"jsonrpc":"2.0","id":3,"result":1,"error":{"code":1,"message":"m"}}`,
		`{"jsonrpc":"2.0","id":3}`,
		`{"id":3,"result":null}`,
	} {
		v := Check([]byte(body))
		if v.Code != InvalidRequest || v.Reply == nil {
			t.Errorf("%s: verdict %+v", body, v)
			continue
		}
		msg, err := jsonrpc2.DecodeMessage(v.Forward)
		resp, ok := msg.(*jsonrpc2.Response)
		if err != nil || !ok || resp.Err() == nil || fmt.Sprint(resp.ID()) != fmt.Sprint(jsonrpc2.NewNumberID(3)) {
			t.Errorf("%s: handed on %s (%v)", body, v.Forward, err)
		}
	}
	for _, body := range []string{
		`{"jsonrpc":"2.0","id":3,"result":null}`,
		`{"jsonrpc":"2.0","id":"s","error":{"code":-32601,"message":"no","data":{}}}`,
	} {
		if v := Check([]byte(body)); v.Reply != nil || string(v.Forward) != body {
			t.Errorf("%s: well-formed response not handed on: %+v", body, v)
		}
	}
}

// FuzzCheck: whatever the body, the library can read what is handed on,
// and what is answered is a JSON-RPC error response.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
		`{"jsonrpc":"2.0","id":1,"result":[1]}`,
		`[{"jsonrpc":"2.0","id":1,"method":"x"},5]`,
		`[]`, `42`, `{"id":{}}`, `{"jsonrpc":"2.0","id":1.0,"method":"x"}`, "this is not json", `{} x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		v := Check(body)
		if v.Forward == nil && v.Reply == nil {
			t.Fatalf("%q: neither handed on nor answered", body)
		}
		if v.Forward != nil {
			if bytes.HasPrefix(bytes.TrimLeft(v.Forward, " \t\r\n"), []byte("[")) {
				if _, err := jsonrpc2.ParseRequests(v.Forward); err != nil {
					t.Fatalf("%q: handed on a batch the library refuses: %v", body, err)
				}
			} else if _, err := jsonrpc2.DecodeMessage(v.Forward); err != nil {
				t.Fatalf("%q: handed on %q, which the library refuses: %v", body, v.Forward, err)
			}
		}
		if v.Reply != nil {
			var r struct {
				JSONRPC string          `json:"jsonrpc"`
				ID      json.RawMessage `json:"id"`
				Error   struct {
					Code    int    `json:"code"`
					Message string `json:"message"`
				} `json:"error"`
			}
			if err := json.Unmarshal(v.Reply, &r); err != nil || r.JSONRPC != "2.0" || r.ID == nil || (r.Error.Code != ParseError && r.Error.Code != InvalidRequest) {
				t.Fatalf("%q: answered %q", body, v.Reply)
			}
		}
	})
}
