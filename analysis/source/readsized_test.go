package source

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

// What readSized reads does not depend on the size it was told: a file
// that grew or shrank since it was looked at is read to its end. Told the
// right size, it allocates once.
func TestReadSized(t *testing.T) {
	text := strings.Repeat("static int x;\n", 300)
	for _, size := range []int64{0, 1, 100, int64(len(text)) - 1, int64(len(text)), int64(len(text)) + 1, 1 << 20, -1} {
		got, err := readSized(strings.NewReader(text), size)
		if err != nil || string(got) != text {
			t.Errorf("told %d bytes: read %d bytes (%v)", size, len(got), err)
		}
		got, err = readSized(iotest.HalfReader(strings.NewReader(text)), size)
		if err != nil || string(got) != text {
			t.Errorf("in halves, told %d bytes: read %d bytes (%v)", size, len(got), err)
		}
	}
	if _, err := readSized(iotest.TimeoutReader(bytes.NewReader([]byte(text))), int64(len(text))); !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("error %v, want %v", err, iotest.ErrTimeout)
	}
	r := strings.NewReader(text)
	allocs := testing.AllocsPerRun(20, func() {
		r.Reset(text)
		readSized(r, int64(len(text)))
	})
	if allocs != 1 {
		t.Errorf("%v allocations, want 1", allocs)
	}
}
