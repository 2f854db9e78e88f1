package shim

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	_ "github.com/hpyproject/hpylint/analysis/tsalloc" // no Go round trip per malloc

	sitter "github.com/tree-sitter/go-tree-sitter"
	tsc "github.com/tree-sitter/tree-sitter-c/bindings/go"
)

// Marker is what the header's first comment says about the file.
type Marker struct {
	// Version is the generator version that wrote the file (0 when the
	// marker has no readable version line). Below Version: hpylint may
	// regenerate the file; above: a newer hpylint wrote it.
	Version int
	// Hash is the sha256 (hex) recorded in the marker, "" when absent.
	Hash string
	// HashOK reports whether Hash matches the file's body as it is now:
	// false means someone edited the generated C (or the hash line).
	HashOK bool
}

// Current reports whether the file is this generator's output, unedited.
func (m Marker) Current() bool {
	return m.Version == Version && m.HashOK
}

const (
	versionKey = "version:"
	hashKey    = "sha256:"
)

// withMarker puts the marker comment in front of body.
func withMarker(version int, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "/* %s\n", GeneratedMarker)
	fmt.Fprintf(&b, " * generator: %s\n", Generator)
	fmt.Fprintf(&b, " * %s %d\n", versionKey, version)
	fmt.Fprintf(&b, " * %s %s\n", hashKey, bodyHash(body))
	b.WriteString(" * Generated: do not edit. hpylint rewrites this file and uses the sha256\n")
	b.WriteString(" * of everything below this comment to notice an edited copy.\n")
	b.WriteString(" */\n")
	b.Write(body)
	return b.Bytes()
}

// bodyHash hashes the body as normalised: what a checkout, an editor or a
// formatter does to a file's line endings is not mistaken for an edit.
func bodyHash(body []byte) string {
	sum := sha256.Sum256(normalised(body))
	return hex.EncodeToString(sum[:])
}

// normalised is the text a header is judged by: CRLF read as LF, trailing
// blank lines dropped and exactly one final newline. Git checkouts on Windows
// change the line endings; editors and formatters add a newline at the end
// (Neovim writes a created file with an empty line of its own) or strip it.
// None of that is an edit of the C, and a generated body ends in one newline
// after a non-blank line, so its hash is unchanged by the normalisation.
func normalised(text []byte) []byte {
	out := bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")) // a copy, safe to append to
	for {
		out = bytes.TrimRight(out, "\n")
		last := out[bytes.LastIndexByte(out, '\n')+1:]
		if len(last) == 0 || len(bytes.Trim(last, " \t\r\f\v")) > 0 {
			break
		}
		out = out[:len(out)-len(last)] // a blank last line
	}
	if len(out) == 0 {
		return out
	}
	return append(out, '\n')
}

// IsCurrent reports whether content is this generator's Header, up to what
// normalised ignores: the cheap test for the usual header, with no parse.
func IsCurrent(content []byte) bool {
	h := rendered()
	return bytes.Equal(content, h) || bytes.Equal(normalised(content), h)
}

var cLanguage = sitter.NewLanguage(tsc.Language())

// ReadMarker reads the marker from content's first comment. ok is false when
// content does not start with a comment carrying GeneratedMarker (only
// whitespace may come before it). The comment is found with the C grammar,
// so a marker string inside code or a later comment does not count.
func ReadMarker(content []byte) (m Marker, ok bool) {
	parser := sitter.NewParser()
	defer parser.Close()
	if err := parser.SetLanguage(cLanguage); err != nil {
		return Marker{}, false
	}
	tree := parser.Parse(content, nil)
	if tree == nil {
		return Marker{}, false
	}
	defer tree.Close()

	// Descend along first children to the first token of the file.
	n := tree.RootNode()
	for n.Kind() != "comment" && n.ChildCount() > 0 {
		n = n.Child(0)
	}
	if n.Kind() != "comment" {
		return Marker{}, false
	}
	start, end := n.ByteRange()
	comment := string(content[start:end])
	if !strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(comment, "/*")), GeneratedMarker) {
		return Marker{}, false
	}

	for _, line := range strings.Split(comment, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line), "*/"))
		line = strings.TrimSpace(strings.TrimPrefix(line, "*"))
		switch {
		case strings.HasPrefix(line, versionKey):
			if v, err := strconv.Atoi(strings.TrimSpace(line[len(versionKey):])); err == nil && v >= 0 {
				m.Version = v
			}
		case strings.HasPrefix(line, hashKey):
			m.Hash = strings.ToLower(strings.TrimSpace(line[len(hashKey):]))
		}
	}

	body := content[end:]
	if bytes.HasPrefix(body, []byte("\r\n")) {
		body = body[2:]
	} else if bytes.HasPrefix(body, []byte("\n")) {
		body = body[1:]
	}
	m.HashOK = m.Hash != "" && m.Hash == bodyHash(body)
	return m, true
}
