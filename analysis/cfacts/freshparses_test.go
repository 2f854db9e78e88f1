package cfacts

import (
	"fmt"
	"testing"
)

// Parsed afresh by two parsers at once, the segments give the facts one
// parser gives: the Document's facts after random edits still equal
// Extract's, with every fresh parse of two segments or more shared, at
// every segment size.
func TestFreshParsesSharedEqualOneParser(t *testing.T) {
	old := parallelParseMin
	parallelParseMin = 1
	defer func() { parallelParseMin = old }()
	for _, size := range []int{1, 200} {
		t.Run(fmt.Sprintf("segments of %d", size), func(t *testing.T) {
			before := parsesInHalves.Load()
			withSegmentSize(t, size, func() { documentMatchesExtract(t, nil) })
			if parsesInHalves.Load() == before {
				t.Fatal("no fresh parse was shared")
			}
		})
	}
}
