package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// staleDelay is how long the stale-first fake waits between its late
// answer to the previous text and the answer to the new one.
const staleDelay = 30 * time.Millisecond

// fakeServer is a language server of the test binary's own (run when
// LSP_LATENCY_FAKE names a mode), made to misbehave in the ways a client
// must cope with:
//
//	stale-first  answers each didChange first with a publication of the
//	             previous version, then, staleDelay later, of its own
//	silent       publishes at didOpen only
//	unversioned  publishes without versions
//	full         asks for whole texts (textDocumentSync 1)
//	early        publishes for x.c before it answers initialize, and
//	             staleDelay after didOpen, without versions
//
// It keeps the document's text by applying the changes itself, and writes
// it to LSP_LATENCY_FAKE_OUT at shutdown.
func fakeServer(mode string, in io.Reader, out io.Writer) int {
	r := bufio.NewReader(in)
	var wmu sync.Mutex
	send := func(m map[string]any) {
		m["jsonrpc"] = "2.0"
		body, _ := json.Marshal(m)
		wmu.Lock()
		defer wmu.Unlock()
		_ = writeFrame(out, body)
	}
	var lines []string // the document, one entry per line without its "\n"
	publish := func(uri string, version int) {
		params := map[string]any{"uri": uri, "diagnostics": []any{map[string]any{
			"range":   map[string]any{"start": map[string]int{"line": len(lines) - 1, "character": 0}, "end": map[string]int{"line": len(lines) - 1, "character": 1}},
			"message": "the last line",
		}}}
		if mode != "unversioned" && mode != "early" {
			params["version"] = version
		}
		send(map[string]any{"method": "textDocument/publishDiagnostics", "params": params})
	}
	for {
		body, err := readFrame(r)
		if err != nil {
			return 1
		}
		var m message
		if json.Unmarshal(body, &m) != nil {
			return 1
		}
		switch m.Method {
		case "initialize":
			if mode == "early" {
				var p struct {
					RootURI string `json:"rootUri"`
				}
				_ = json.Unmarshal(m.Params, &p)
				lines = []string{"before the open"}
				publish(p.RootURI+"/x.c", 0)
			}
			kind := 2
			if mode == "full" {
				kind = 1
			}
			send(map[string]any{"id": m.ID, "result": map[string]any{"capabilities": map[string]any{"textDocumentSync": map[string]any{"openClose": true, "change": kind}}}})
		case "textDocument/didOpen":
			var p struct {
				TextDocument struct {
					URI     string `json:"uri"`
					Text    string `json:"text"`
					Version int    `json:"version"`
				} `json:"textDocument"`
			}
			_ = json.Unmarshal(m.Params, &p)
			lines = strings.Split(p.TextDocument.Text, "\n")
			if mode == "early" {
				time.Sleep(staleDelay)
			}
			publish(p.TextDocument.URI, p.TextDocument.Version)
		case "textDocument/didChange":
			var p struct {
				TextDocument struct {
					URI     string `json:"uri"`
					Version int    `json:"version"`
				} `json:"textDocument"`
				ContentChanges []struct {
					Range *struct {
						Start struct{ Line, Character int } `json:"start"`
					} `json:"range"`
					Text string `json:"text"`
				} `json:"contentChanges"`
			}
			_ = json.Unmarshal(m.Params, &p)
			for _, c := range p.ContentChanges {
				if c.Range == nil {
					lines = strings.Split(c.Text, "\n")
					continue
				}
				// The client inserts at the start of a line only.
				at := c.Range.Start.Line
				inserted := strings.Split(c.Text+lines[at], "\n")
				lines = append(lines[:at], append(inserted, lines[at+1:]...)...)
			}
			switch mode {
			case "silent":
			case "stale-first":
				publish(p.TextDocument.URI, p.TextDocument.Version-1)
				time.Sleep(staleDelay)
				publish(p.TextDocument.URI, p.TextDocument.Version)
			default:
				publish(p.TextDocument.URI, p.TextDocument.Version)
			}
		case "shutdown":
			if name := os.Getenv("LSP_LATENCY_FAKE_OUT"); name != "" {
				_ = os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o644)
			}
			send(map[string]any{"id": m.ID, "result": nil})
		case "exit":
			return 0
		}
	}
}
