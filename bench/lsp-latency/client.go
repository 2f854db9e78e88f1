package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// message is any JSON-RPC message; which fields are set tells what it is.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
	// arrived is when its frame was read, before any decoding.
	arrived time.Time
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// writeFrame writes one LSP frame: the Content-Length header and the body.
func writeFrame(w io.Writer, body []byte) error {
	if _, err := fmt.Fprintf(w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err := w.Write(body)
	return err
}

// readFrame reads one LSP frame's body.
func readFrame(r *bufio.Reader) ([]byte, error) {
	header, err := textproto.NewReader(r).ReadMIMEHeader()
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(header.Get("Content-Length"))
	if err != nil || n < 0 {
		return nil, fmt.Errorf("bad Content-Length %q", header.Get("Content-Length"))
	}
	body := make([]byte, n)
	_, err = io.ReadFull(r, body)
	return body, err
}

// publication is one textDocument/publishDiagnostics for the measured
// document, stamped when its frame was read.
type publication struct {
	at      time.Time
	version *int
	lines   []int // the start line of each diagnostic
	chars   []int // and its start character
}

type publishParams struct {
	URI         string `json:"uri"`
	Version     *int   `json:"version"`
	Diagnostics []struct {
		Range struct {
			Start struct {
				Line      int `json:"line"`
				Character int `json:"character"`
			} `json:"start"`
		} `json:"range"`
	} `json:"diagnostics"`
}

// conn is the client's end of a session: it writes requests and
// notifications, answers the server's own requests at once, and hands the
// publications for one document to pubs.
type conn struct {
	in  io.Writer
	wmu sync.Mutex

	mu      sync.Mutex
	nextID  int
	pending map[string]chan message

	folders json.RawMessage // the answer to workspace/workspaceFolders
	// document says which URI's publications go to pubs; watch changes
	// it (-fix-first reads another file's first).
	document atomic.Pointer[func(uri string) bool]
	pubs     chan publication
	closed   chan struct{} // closed when the server's output ends
	readErr  error
}

func newConn(in io.Writer, out io.Reader, folders json.RawMessage, isDocument func(string) bool, capacity int) *conn {
	c := &conn{
		in:      in,
		folders: folders,
		pending: map[string]chan message{},
		pubs:    make(chan publication, capacity),
		closed:  make(chan struct{}),
	}
	c.watch(isDocument)
	frames := make(chan frame, 1<<12)
	go c.read(bufio.NewReaderSize(out, 1<<16), frames)
	go c.decode(frames)
	return c
}

// watch sends the publications of the documents isDocument accepts to
// pubs from now on, and only those.
func (c *conn) watch(isDocument func(uri string) bool) { c.document.Store(&isDocument) }

func (c *conn) send(m message) error {
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return writeFrame(c.in, body)
}

func (c *conn) notify(method string, params any) error {
	raw, err := marshalParams(params)
	if err != nil {
		return err
	}
	return c.send(message{Method: method, Params: raw})
}

// marshalParams leaves out absent params: JSON-RPC wants an object, an
// array or nothing, and some servers refuse null.
func marshalParams(params any) (json.RawMessage, error) {
	if params == nil {
		return nil, nil
	}
	return json.Marshal(params)
}

// call sends a request and waits for its answer at most timeout.
func (c *conn) call(method string, params any, timeout time.Duration) (json.RawMessage, error) {
	m, err := c.callTimed(method, params, timeout)
	return m.Result, err
}

// callTimed is call, giving the whole answer with the time it arrived.
func (c *conn) callTimed(method string, params any, timeout time.Duration) (message, error) {
	raw, err := marshalParams(params)
	if err != nil {
		return message{}, err
	}
	c.mu.Lock()
	c.nextID++
	id := strconv.Itoa(c.nextID)
	answer := make(chan message, 1)
	c.pending[id] = answer
	c.mu.Unlock()
	if err := c.send(message{ID: json.RawMessage(id), Method: method, Params: raw}); err != nil {
		return message{}, err
	}
	select {
	case m := <-answer:
		if m.Error != nil {
			return message{}, fmt.Errorf("%s: error %d: %s", method, m.Error.Code, m.Error.Message)
		}
		return m, nil
	case <-c.closed:
		return message{}, fmt.Errorf("%s: the server's output ended before its answer (%v)", method, c.readErr)
	case <-time.After(timeout):
		return message{}, fmt.Errorf("%s: no answer within %v", method, timeout)
	}
}

// frame is one frame's body, stamped when it was read; or, last, why
// the server's output ended.
type frame struct {
	body []byte
	at   time.Time
	err  error
}

// read reads the server's frames as they come and stamps them, leaving
// their decoding to decode: a publication of a thousand findings (700 KB
// in numpy-hpy) takes this client milliseconds to decode, and an answer
// read after it would be timed late by as much, and the server's writes
// would wait on a full pipe meanwhile. Editors read their servers' output
// as it comes too.
func (c *conn) read(r *bufio.Reader, frames chan<- frame) {
	defer close(frames)
	for {
		body, err := readFrame(r)
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.EOF
			}
			frames <- frame{err: err}
			return
		}
		frames <- frame{body: body, at: time.Now()}
	}
}

// decode handles the frames read, in order; closed is closed once the
// server's output has ended (readErr says how) and every frame before was
// handled.
func (c *conn) decode(frames <-chan frame) {
	defer close(c.closed)
	for f := range frames {
		if f.err != nil {
			c.readErr = f.err
			return
		}
		var m message
		if err := json.Unmarshal(f.body, &m); err != nil {
			c.readErr = fmt.Errorf("a message that is not JSON: %v", err)
			go func() {
				for range frames { // the reader must not block
				}
			}()
			return
		}
		m.arrived = f.at
		switch {
		case m.Method != "" && len(m.ID) > 0:
			c.answer(m)
		case m.Method == "textDocument/publishDiagnostics":
			var p publishParams
			if json.Unmarshal(m.Params, &p) != nil || !(*c.document.Load())(p.URI) {
				continue
			}
			pub := publication{at: f.at, version: p.Version}
			for _, d := range p.Diagnostics {
				pub.lines = append(pub.lines, d.Range.Start.Line)
				pub.chars = append(pub.chars, d.Range.Start.Character)
			}
			c.pubs <- pub
		case m.Method == "" && len(m.ID) > 0:
			c.mu.Lock()
			answer := c.pending[string(m.ID)]
			delete(c.pending, string(m.ID))
			c.mu.Unlock()
			if answer != nil {
				answer <- m
			}
		}
	}
}

// answer replies to a request of the server the way an editor with no
// settings does, so that a server waiting for the reply does not stall.
func (c *conn) answer(m message) {
	reply := message{ID: m.ID}
	switch m.Method {
	case "workspace/configuration":
		var p struct {
			Items []json.RawMessage `json:"items"`
		}
		_ = json.Unmarshal(m.Params, &p)
		nulls := make([]any, len(p.Items))
		reply.Result, _ = json.Marshal(nulls)
	case "client/registerCapability", "client/unregisterCapability", "window/workDoneProgress/create",
		"workspace/diagnostic/refresh", "workspace/semanticTokens/refresh", "workspace/inlayHint/refresh",
		"workspace/codeLens/refresh", "window/showMessageRequest", "window/showDocument":
		reply.Result = json.RawMessage("null")
	case "workspace/workspaceFolders":
		reply.Result = c.folders
	default:
		reply.Error = &rpcError{Code: -32601, Message: "not handled by lsp-latency: " + m.Method}
	}
	_ = c.send(reply)
}
