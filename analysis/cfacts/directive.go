package cfacts

import "bytes"

// An edit on a directive's own lines (an Enter inside a continued #define,
// a letter typed on an #if line, a backslash that joins a line to the
// directive above) is read like any other edit: the token scan is redone
// from the item start before the edit to the first item start after it
// where it agrees with the old scan (rescan), and the facts of all that
// text are read again, whatever the trees say. Top-level items start only
// outside any #if, so that text holds every #if, #else and #endif whose
// branches the edit can regroup; a change of the #if nesting (an #endif
// that no longer reads as one) moves the item starts after it, so the
// segments there are cut anew and parsed afresh, as Extract cuts them.
//
// What such an edit does get is a fresh parse of the segments it touches
// when they have syntax errors: error recovery depends on the parse
// history, and a directive edit is where an incremental reparse of broken
// code most often recovers otherwise than a fresh parse (a line continued
// into the next item, #if branches that open braces unevenly). A segment
// with errors is parsed afresh for its ParseGap anyway (freshGap), so this
// costs only reading the whole segment's facts, and the facts then equal
// Extract's on broken code too, as when such an edit read the whole file.

// editsDirective reports whether replacing removed with inserted at start
// can change a directive's lines; next is the text after the edit.
func editsDirective(next []byte, start int, removed, inserted []byte) bool {
	if bytes.IndexByte(removed, '#') >= 0 || bytes.IndexByte(inserted, '#') >= 0 {
		return true
	}
	end := start + len(inserted)
	// Text added (no byte removed) with no backslash or carriage return
	// cannot end, join or start a directive on another line: only the
	// lines it is written on can be one. An Enter typed above an #include
	// is such an edit.
	if len(removed) == 0 && bytes.IndexAny(inserted, "\\\r") < 0 {
		return insertionTouchesDirective(next, start, end)
	}
	return touchesDirective(next, start, end)
}

// touchesDirective reports whether the lines holding [start, end), the line
// after them, or a line they continue are preprocessor lines.
func touchesDirective(src []byte, start, end int) bool {
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	if lineStart >= 2 && src[lineStart-2] == '\\' {
		return true // the edited line continues a directive
	}
	stop := end
	if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
		stop = end + i + 1
		if j := bytes.IndexByte(src[stop:], '\n'); j >= 0 {
			stop += j // and the next line
		} else {
			stop = len(src)
		}
	} else {
		stop = len(src)
	}
	for _, line := range bytes.Split(src[lineStart:stop], []byte("\n")) {
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] == '#' {
			return true
		}
	}
	return false
}

// insertionTouchesDirective is touchesDirective for text without a
// backslash added at [start, end) of src: whether a line it is written on
// is a directive or continues one, or it went in after a backslash. Whole
// lines added at the start of a line leave that line as it was.
func insertionTouchesDirective(src []byte, start, end int) bool {
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	if start > 0 && src[start-1] == '\\' || lineStart >= 2 && src[lineStart-2] == '\\' {
		return true
	}
	stop := len(src)
	if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
		stop = end + i
	}
	if start == lineStart && end > start && src[end-1] == '\n' {
		stop = end - 1 // whole lines put before a line, which stays as it was
	}
	// Text put before a directive's '#' on its line ends the directive
	// ("x#else"): the line no longer starts with '#', but it did.
	if t := bytes.TrimLeft(src[end:], " \t"); len(t) > 0 && t[0] == '#' {
		if lastLine := bytes.LastIndexByte(src[:end], '\n') + 1; len(bytes.TrimLeft(src[lastLine:end], " \t")) > 0 {
			return true
		}
	}
	for line := range bytes.SplitSeq(src[lineStart:stop], []byte("\n")) {
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] == '#' || bytes.HasSuffix(bytes.TrimRight(line, "\r"), []byte("\\")) {
			return true
		}
	}
	return false
}
