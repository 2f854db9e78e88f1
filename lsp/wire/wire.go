// Package wire is hpyls's tolerant reader of the LSP base protocol: it frames and validates incoming JSON-RPC messages, answers malformed ones itself and hands on only well-formed ones.
package wire

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"
)

// go.lsp.dev/jsonrpc2 ends its read loop, and with it the session, on any
// message it cannot decode. Conn sits between the client's byte stream and
// that library: the library reads from Conn only messages it accepts,
// re-framed with a plain Content-Length header, while Conn answers the
// rest itself (JSON-RPC 2.0: -32700 parse error, -32600 invalid request).
// The library's own writes pass through unchanged, serialised with Conn's
// replies so that frames never interleave.

// MaxBody bounds one message body. A larger one is skipped unread (the
// framing stays in step) and answered as an invalid request.
var MaxBody = 128 << 20

// maxHeaderLine bounds one header line: a longer one is not LSP framing.
const maxHeaderLine = 8 << 10

// ErrBrokenFrame is the cause of a session ended by framing that cannot be
// resynchronised: a header without a usable Content-Length.
var ErrBrokenFrame = errors.New("broken frame")

// Conn is an io.ReadWriteCloser over the client's stream whose reads yield
// only well-formed JSON-RPC messages.
type Conn struct {
	in     *bufio.Reader
	out    io.Writer
	closer io.Closer
	log    *slog.Logger

	pending []byte // the re-framed message the library is reading
	err     error  // what ended reading; returned by every later Read

	wmu sync.Mutex // one frame per Write, ours or the library's

	mu     sync.Mutex
	broken error
}

// New wraps rwc; log receives a line per message answered here.
func New(rwc io.ReadWriteCloser, log *slog.Logger) *Conn {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Conn{in: bufio.NewReader(rwc), out: rwc, closer: rwc, log: log}
}

// Broken is the framing error that ended the session, or nil.
func (c *Conn) Broken() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.broken
}

func (c *Conn) Read(p []byte) (int, error) {
	for len(c.pending) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		body, err := c.readFrame()
		var skipped errSkipped
		if errors.As(err, &skipped) {
			c.answer(invalid(nil, skipped.Error()))
			continue
		}
		if err != nil {
			if errors.Is(err, ErrBrokenFrame) {
				c.mu.Lock()
				c.broken = err
				c.mu.Unlock()
			}
			c.err = err
			continue
		}
		v := Check(body)
		c.answer(v)
		if v.Forward != nil {
			c.pending = appendFrame(nil, v.Forward)
		}
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// answer writes v's reply, if any.
func (c *Conn) answer(v Verdict) {
	if v.Reply == nil {
		return
	}
	c.log.Warn("answered a malformed message", "code", v.Code, "reason", v.Reason)
	if _, err := c.writeFrame(v.Reply); err != nil && c.err == nil {
		c.err = err
	}
}

// Write sends one frame the library composed.
func (c *Conn) Write(p []byte) (int, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.out.Write(p)
}

func (c *Conn) Close() error { return c.closer.Close() }

func (c *Conn) writeFrame(body []byte) (int, error) {
	return c.Write(appendFrame(nil, body))
}

func appendFrame(buf, body []byte) []byte {
	buf = append(buf, "Content-Length: "...)
	buf = strconv.AppendInt(buf, int64(len(body)), 10)
	buf = append(buf, "\r\n\r\n"...)
	return append(buf, body...)
}

// errSkipped marks a body too large to read; its frame was consumed.
type errSkipped struct{ n int64 }

func (e errSkipped) Error() string {
	return fmt.Sprintf("message of %d bytes exceeds the limit of %d", e.n, MaxBody)
}

// readFrame reads one header block and its body. io.EOF means the stream
// ended between frames; ErrBrokenFrame that the header block is unusable.
func (c *Conn) readFrame() ([]byte, error) {
	length := int64(-1)
	for fields := 0; ; {
		line, err := c.headerLine()
		if err != nil {
			if err == io.EOF && fields > 0 {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if len(line) == 0 {
			if fields == 0 {
				continue // a stray line end between frames
			}
			break
		}
		fields++
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return nil, fmt.Errorf("%w: header line %q has no colon", ErrBrokenFrame, clip(line))
		}
		if !bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
			continue // Content-Type and unknown fields are ignored
		}
		value = bytes.TrimSpace(value)
		n, ok := parseLength(value)
		if !ok || (length >= 0 && n != length) {
			return nil, fmt.Errorf("%w: bad Content-Length %q", ErrBrokenFrame, clip(value))
		}
		length = n
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: header without Content-Length", ErrBrokenFrame)
	}
	if length > int64(MaxBody) {
		if _, err := io.CopyN(io.Discard, c.in, length); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, errSkipped{length}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(c.in, body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return body, nil
}

// headerLine is one header line without its line end.
func (c *Conn) headerLine() ([]byte, error) {
	var line []byte
	for {
		chunk, err := c.in.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxHeaderLine {
			return nil, fmt.Errorf("%w: header line longer than %d bytes", ErrBrokenFrame, maxHeaderLine)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF && len(line) > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		return bytes.TrimRight(line, "\r\n"), nil
	}
}

// parseLength reads a decimal byte count, refusing signs, blanks and
// values that do not fit.
func parseLength(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, ch := range b {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		n = n*10 + int64(ch-'0')
	}
	return n, true
}

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}
