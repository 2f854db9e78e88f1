package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Printable returns s fit for a terminal or a CI log. Text from the
// user's files (names, quoted identifiers, source lines) is printed in
// every text format, and a control character in it would reach the
// terminal: an ESC sequence can recolour it, move the cursor, rewrite what
// was printed before, or forge an annotation. So control characters (C0
// but tab, DEL, C1) are shown escaped, \x1b or \u009b, and each byte that
// is not UTF-8 (Latin-1 in a comment) becomes one U+FFFD, so that a source
// line keeps one character per column.
func Printable(s string) string { return printable(s, "\t") }

// printable is Printable keeping the control characters in keep.
func printable(s, keep string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || isControl(r) && !strings.ContainsRune(keep, r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case isControl(r) && !strings.ContainsRune(keep, r):
			if r < 0x80 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }

// PrintableWriter passes lines of text to w with Printable applied, line
// breaks kept: for messages that may name the user's files (standard
// error). Each Write must hold whole characters, as fmt's do.
func PrintableWriter(w io.Writer) io.Writer { return printableWriter{w} }

type printableWriter struct{ w io.Writer }

func (p printableWriter) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, printable(string(b), "\t\n")); err != nil {
		return 0, err
	}
	return len(b), nil
}

// jsonWriter passes JSON to w with DEL and the C1 controls escaped too
// (\u007f, \u009b), which encoding/json writes raw: the data is the same
// to a JSON reader, and a terminal showing the report gets no control
// character. They can only occur inside strings. Each Write must hold
// whole characters, as an Encoder's does (one Write per value).
type jsonWriter struct{ w io.Writer }

func (j jsonWriter) Write(b []byte) (int, error) {
	out := b
	if bytes.IndexByte(b, 0x7f) >= 0 || bytes.IndexByte(b, 0xc2) >= 0 {
		out = make([]byte, 0, len(b)+16)
		for i := 0; i < len(b); i++ {
			switch {
			case b[i] == 0x7f:
				out = append(out, `\u007f`...)
			case b[i] == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] < 0xa0:
				out = fmt.Appendf(out, `\u%04x`, b[i+1])
				i++
			default:
				out = append(out, b[i])
			}
		}
	}
	if _, err := j.w.Write(out); err != nil {
		return 0, err
	}
	return len(b), nil
}
