package lsp

import "testing"

// The worker keeps a publication's storage for the next, but not one so
// large that a single big file would hold it for the whole session.
func TestPublishBufferIsKeptUpToItsBound(t *testing.T) {
	s := &Server{}
	small := make([]byte, 10, 4096)
	s.keepPublishBuf(small)
	if len(s.publishBuf) != 0 || cap(s.publishBuf) != 4096 || &s.publishBuf[:1][0] != &small[0] {
		t.Fatalf("a small buffer was not kept for reuse: len %d cap %d", len(s.publishBuf), cap(s.publishBuf))
	}
	s.keepPublishBuf(make([]byte, 0, maxPublishBuf+1))
	if cap(s.publishBuf) != 0 {
		t.Fatalf("a buffer of %d bytes was kept", cap(s.publishBuf))
	}
}
