package analysis

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/hpyproject/hpylint/analysis/source"
)

// MaxFileSize is the largest file hpylint analyses (source.MaxFileSize:
// files are read with that cap).
const MaxFileSize = source.MaxFileSize

// unreadable says why a file cannot be analysed, or "" when it can.
func unreadable(f *source.File) string {
	if reason := notSource(f); reason != "" {
		return reason
	}
	if !utf8.Valid(f.Content) {
		return "not valid UTF-8; it was not analysed"
	}
	return ""
}

// unparseable says why a C or C++ file cannot be parsed, or "" when it
// can. Unlike a build file's, its bytes need not all be UTF-8: old sources
// have Latin-1 in comments (an author's name), which the compiler passes
// over and the grammar reads as it does any byte. Offsets stay exact;
// reports turn such bytes into U+FFFD. Text with a UTF-16 or UTF-32 byte
// order mark is another encoding altogether.
func unparseable(f *source.File) string {
	if reason := notSource(f); reason != "" {
		return reason
	}
	// The mark first: only then is every byte of the file worth checking.
	if (bytes.HasPrefix(f.Content, []byte{0xFF, 0xFE}) || bytes.HasPrefix(f.Content, []byte{0xFE, 0xFF})) && !utf8.Valid(f.Content) {
		return "UTF-16 or UTF-32 text (byte order mark), not UTF-8; it was not analysed"
	}
	return ""
}

// notSource says why a file is no source at all: unreadable, oversized or
// binary.
func notSource(f *source.File) string {
	switch {
	case f.Problem != "":
		return f.Problem
	case len(f.Content) > MaxFileSize:
		return fmt.Sprintf("file is %d bytes, over hpylint's %d MiB limit; it was not analysed", len(f.Content), MaxFileSize>>20)
	}
	if i := f.NULAt(); i >= 0 {
		return fmt.Sprintf("binary content (NUL byte at offset %d); it was not analysed", i)
	}
	return ""
}
