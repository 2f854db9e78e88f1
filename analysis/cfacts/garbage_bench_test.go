package cfacts

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// printableGarbage is size bytes of random printable ASCII (quotes,
// braces and all) after an HPy include: what a wrongly named or corrupted
// file gives the parser, which recovery turns into long ERROR nodes.
func printableGarbage(size int) []byte {
	const chars = " \t\n!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
	r := rand.New(rand.NewPCG(1, 2))
	b := []byte("#include \"hpy.h\"\n")
	for len(b) < size {
		b = append(b, chars[r.IntN(len(chars))])
	}
	return b
}

// Extraction must stay linear in its input on garbage too: compare the
// ns/op of the sizes (each doubling should about double it) and against
// BenchmarkBareParseGarbage.
func BenchmarkExtractGarbage(b *testing.B) {
	for _, kb := range []int{256, 512, 1024} {
		src := printableGarbage(kb << 10)
		b.Run(fmt.Sprintf("%dKiB", kb), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Extract(C, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
