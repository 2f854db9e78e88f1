package main

import (
	"bufio"
	"io"
	"testing"
	"time"
)

// An answer is timed when its frame arrives, not when this client has
// decoded the publications before it: here the publication's decoding is
// held until well after the answer was read, and the answer must still
// be stamped before it was released.
func TestAnswerIsTimedOnArrival(t *testing.T) {
	toServer, fromClient := io.Pipe()
	fromServer, toClient := io.Pipe()
	defer toServer.Close()
	defer toClient.Close()
	release := make(chan struct{})
	var released time.Time
	c := newConn(fromClient, fromServer, nil, func(string) bool { <-release; return true }, 4)
	go func() {
		if _, err := readFrame(bufio.NewReader(toServer)); err != nil {
			return
		}
		_ = writeFrame(toClient, []byte(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///x.c","diagnostics":[]}}`))
		_ = writeFrame(toClient, []byte(`{"jsonrpc":"2.0","id":1,"result":null}`))
		// The answer's bytes are read; give the reader time to stamp them.
		time.Sleep(50 * time.Millisecond)
		released = time.Now()
		close(release)
	}()
	m, err := c.callTimed("textDocument/hover", map[string]any{}, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !m.arrived.Before(released) {
		t.Fatalf("the answer was stamped at %v, after the publication before it was decoded (%v)", m.arrived, released)
	}
}
