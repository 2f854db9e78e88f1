package textpos

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// The search for '\n' finds the lines the byte loop finds, in text
// without a carriage return: empty, with or without a last newline, runs
// of empty lines, long and short lines.
func TestNewLFMatchesTheByteLoop(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 1))
	alphabet := []byte("ab \n\n\t\xe9{")
	texts := [][]byte{nil, []byte("\n"), []byte("a"), []byte("a\n"), []byte("\n\na\n\n"), bytes.Repeat([]byte("x"), 5000)}
	for range 500 {
		b := make([]byte, r.IntN(300))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		texts = append(texts, b)
	}
	for _, c := range texts {
		if got, want := newLF(c).lineStarts, newAny(c).lineStarts; !slices.Equal(got, want) {
			t.Fatalf("%q: line starts %v, want %v", c, got, want)
		}
		if New(c).lineStarts == nil {
			t.Fatal("no line starts")
		}
	}
}

func BenchmarkNewLF(b *testing.B) {
	c := bytes.Repeat([]byte("    long v = HPyLong_AsLong(ctx, arg) * BIG_STEP;\n"), 20000)
	b.Run("search", func(b *testing.B) {
		for b.Loop() {
			newLF(c)
		}
	})
	b.Run("bytes", func(b *testing.B) {
		for b.Loop() {
			newAny(c)
		}
	})
}
