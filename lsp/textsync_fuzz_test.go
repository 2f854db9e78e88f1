package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis/textpos"
)

// Random didChange sequences applied by a document equal a model: a plain
// string with the same edits, made at offsets the model turns into LSP
// positions itself (lines split at "\n", columns counted in the negotiated
// encoding). C buffers go through the incremental parse, others through
// plain copies; some changes replace the whole text, some carry several
// edits, and a change whose version is not newer leaves the text alone.
// The line index handed to the analysis always equals a fresh one.
//
// Texts are valid UTF-8, as every JSON string a client sends decodes to.
// Offsets are never between a "\r" and its "\n" (no LSP position is), nor
// after a "\r" that ends the text (textpos maps that back before the "\r":
// a known gap, see FuzzRoundTrip in analysis/textpos).
//
// script is read as edits of 6 bytes: flags (bit 0: a new didChange, bit
// 1-2: whole text, stale version), start and end (2 bytes each, modulo the
// text's length + 1), and the inserted text (an index into the snippets, or
// the byte itself).
func FuzzDidChange(f *testing.F) {
	dir := filepath.Join("..", "testdata", "rules", "HPY102")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		sub, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		for _, s := range sub {
			if src, err := os.ReadFile(filepath.Join(dir, e.Name(), s.Name())); err == nil && len(src) < 4<<10 && strings.HasSuffix(s.Name(), ".c") {
				f.Add(string(src), ".c", uint8(1), []byte{1, 0, 10, 0, 12, 3, 0, 0, 0, 0, 0, 4, 1, 0, 30, 0, 30, 9, 3, 0, 5, 0, 9, 2})
			}
		}
	}
	f.Add("a\r\nb😀é\rc\n", ".toml", uint8(0), []byte{1, 0, 3, 0, 5, 0, 0, 0, 0, 0, 9, 7, 5, 0, 1, 0, 1, 1})
	f.Add("", ".h", uint8(2), []byte{1, 0, 0, 0, 0, 9, 1, 0, 0, 0, 0, 3})
	f.Fuzz(func(t *testing.T, text, ext string, encByte uint8, script []byte) {
		if len(text) > 64<<10 || len(script) > 6*64 {
			t.Skip("larger than a fuzz input may be")
		}
		if ext != ".c" && ext != ".h" && ext != ".cpp" {
			ext = ".toml"
		}
		enc := []textpos.Encoding{textpos.UTF16, textpos.UTF8, textpos.Runes}[int(encByte)%3]
		model := strings.ToValidUTF8(text, "\uFFFD")
		path := filepath.Join(string(filepath.Separator), "fuzz", "pyproject"+ext)
		d := newDocument(uri.File(path), path, 1, model)
		defer d.close()
		version := int32(1)
		var batch []protocol.TextDocumentContentChangeEvent
		var batchModel string
		flush := func(stale bool) {
			if len(batch) == 0 {
				return
			}
			v := version + 1
			if stale {
				v = version
			}
			err := d.apply(v, batch, enc)
			switch {
			case stale && err == nil:
				t.Fatalf("version %d after %d accepted", v, version)
			case !stale && err != nil:
				t.Fatal(err)
			case !stale:
				version, model = v, batchModel
			}
			content, gotVersion, lines, _ := d.state()
			if string(content) != model || gotVersion != version {
				t.Fatalf("document holds version %d\n%q\nwant version %d\n%q", gotVersion, content, version, model)
			}
			fresh := textpos.New(content)
			if lines.Lines() != fresh.Lines() {
				t.Fatalf("line index of %d lines, want %d", lines.Lines(), fresh.Lines())
			}
			for l := 0; l < fresh.Lines(); l++ {
				if lines.LineStart(l) != fresh.LineStart(l) {
					t.Fatalf("line %d starts at %d in the index, %d in the text", l, lines.LineStart(l), fresh.LineStart(l))
				}
			}
			batch = nil
		}
		batchModel = model
		for ; len(script) >= 6; script = script[6:] {
			flags := script[0]
			if flags&1 == 1 {
				flush(flags&4 != 0)
				batchModel = model
			}
			ins := string(script[5:6])
			if i := int(script[5]); i < len(syncSnippets) {
				ins = syncSnippets[i]
			}
			ins = strings.ToValidUTF8(ins, "\uFFFD")
			if flags&2 != 0 && flags&8 != 0 {
				batch = append(batch, &protocol.TextDocumentContentChangeWholeDocument{Text: ins})
				batchModel = ins
				continue
			}
			start := positionable(batchModel, (int(script[1])<<8|int(script[2]))%(len(batchModel)+1))
			end := positionable(batchModel, (int(script[3])<<8|int(script[4]))%(len(batchModel)+1))
			if end < start {
				start, end = end, start
			}
			r := protocol.Range{Start: modelPosition(batchModel, start, enc), End: modelPosition(batchModel, end, enc)}
			batch = append(batch, &protocol.TextDocumentContentChangePartial{Range: r, Text: ins})
			batchModel = batchModel[:start] + ins + batchModel[end:]
		}
		flush(false)
	})
}

var syncSnippets = []string{"", "x", "\n", "\r\n", "\r", "😀", "é", "HPy_MODINIT(", "/*", "*/", "#include <Python.h>\n", "}"}

// positionable moves off back to the nearest offset that has an LSP
// position: a character boundary, not inside a "\r\n", not after a final
// "\r".
func positionable(s string, off int) int {
	for off > 0 && off < len(s) && !utf8.RuneStart(s[off]) {
		off--
	}
	if off > 0 && s[off-1] == '\r' && (off == len(s) || s[off] == '\n') {
		off--
	}
	return off
}

// modelPosition is the LSP position of off in s, computed on its own:
// lines end at "\n", "\r\n" or a lone "\r", as LSP specifies.
func modelPosition(s string, off int, enc textpos.Encoding) protocol.Position {
	line, lineStart := 0, 0
	for i := 0; i < off; i++ {
		if s[i] == '\n' || s[i] == '\r' && (i+1 >= len(s) || s[i+1] != '\n') {
			line++
			lineStart = i + 1
		}
	}
	prefix := s[lineStart:off]
	col := len(prefix)
	switch enc {
	case textpos.UTF16:
		col = len(utf16.Encode([]rune(prefix)))
	case textpos.Runes:
		col = utf8.RuneCountInString(prefix)
	}
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}
