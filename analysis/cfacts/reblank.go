package cfacts

import "github.com/hpyproject/hpylint/analysis/source"

// reblank turns parsed, which is src with the old macros blanked (see
// blank) and the edits since applied raw, into src with the current macros
// blanked, in place: it restores the old macros that are gone and blanks
// the new ones and those the edits reached. old are the old spans moved
// through the edits; both lists are in file order. It returns a range holding
// every byte it changed (ok false when none), which the trees must be told of.
// A keystroke so costs the macros it touched, not a copy of the file.
func reblank(parsed, src []byte, old, cur []source.Span, dirty source.Span) (a, b int, ok bool) {
	a, b = len(parsed), 0
	set := func(i int, c byte) {
		if parsed[i] != c {
			parsed[i] = c
			a, b = min(a, i), max(b, i+1)
		}
	}
	j := 0
	for _, o := range old {
		for j < len(cur) && cur[j].Start < o.Start {
			j++
		}
		if j < len(cur) && cur[j] == o {
			continue
		}
		for i := max(0, o.Start); i < min(o.End, len(src)); i++ {
			set(i, parsedByte(src, i))
		}
	}
	j = 0
	for _, c := range cur {
		for j < len(old) && old[j].Start < c.Start {
			j++
		}
		if j < len(old) && old[j] == c && (c.End < dirty.Start || c.Start > dirty.End) {
			continue // blanked already, and no edit reached it
		}
		for i := c.Start; i < c.End; i++ {
			if src[i] == '\n' || src[i] == '\r' {
				set(i, parsedByte(src, i))
			} else {
				set(i, ' ')
			}
		}
	}
	// The edits went in raw: a CR they brought, or one whose LF they took
	// away or brought, reads as parsedByte says.
	for i := max(0, dirty.Start-1); i < min(dirty.End+1, len(src)); i++ {
		if src[i] == '\r' {
			set(i, parsedByte(src, i))
		}
	}
	return a, b, a < b
}
