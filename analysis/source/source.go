// Package source holds the vocabulary every other analysis package shares:
// byte spans, locations and comments. Everything inside the engine is a byte
// offset; only package textpos turns offsets into lines and columns.
package source

// Span is a half-open byte range [Start, End) in one file's content.
type Span struct {
	Start, End int
}

// Contains reports whether off lies inside s (an empty span contains its start).
func (s Span) Contains(off int) bool {
	return off >= s.Start && (off < s.End || off == s.Start)
}

// Location is a span in a named file. Paths are slash-separated and relative
// to the snapshot root.
type Location struct {
	Path string
	Span Span
}

// Comment is one comment of a source or build-config file, with its text
// (delimiters included) so suppressions can be read from it.
type Comment struct {
	Span Span
	Text string
}
