package lsp

import (
	"fmt"
	"sync"
	"sync/atomic"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// document is an open buffer. C and C++ buffers keep a cfacts.Document, so
// each keystroke reparses incrementally and re-extracts facts only around
// the edit; build configs are plain text (their readers are fast).
//
// The read loop applies edits while the analysis worker takes facts, so
// the fields below mu are guarded by it. Content slices are never modified
// in place (every edit builds a new one), so a slice handed to a snapshot
// stays valid.
type document struct {
	uri  uri.URI // as the client spelled it, for publishing back
	path string  // absolute
	lang cfacts.Lang
	isC  bool

	mu      sync.Mutex
	version int32
	content []byte
	index   *textpos.Index // of content, built on demand
	c       *cfacts.Document
	edited  uint64 // editCount when the text last changed: which buffer is newer
}

// editCount orders the changes of every buffer: of two buffers open for
// one file (a symbolic link and its target), the one changed last is the
// file's text (alias.go).
var editCount atomic.Uint64

// lastEdit is when the text last changed, in editCount's order.
func (d *document) lastEdit() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.edited
}

func newDocument(u uri.URI, path string, version int32, text string) *document {
	d := &document{uri: u, path: path, version: version, content: []byte(text), edited: editCount.Add(1)}
	d.resetParser()
	return d
}

// resetParser starts a fresh incremental parse of the content. A .h is
// C++ if its content says so, as in the command line's parse of a header
// on its own; the choice is made again only when the whole text is
// replaced.
func (d *document) resetParser() {
	if d.c != nil {
		d.c.Close()
		d.c = nil
	}
	d.lang, d.isC = cfacts.LangOfContent(d.path, d.content)
	if d.isC {
		if c, err := cfacts.NewDocument(d.lang, d.content); err == nil {
			d.c = c
		}
	}
}

// lines indexes the current content; mu must be held.
func (d *document) lines() *textpos.Index {
	if d.index == nil {
		d.index = textpos.New(d.content)
	}
	return d.index
}

// apply runs one didChange's edits in order, each against the text the
// previous one produced, as the spec requires.
func (d *document) apply(version int32, changes []protocol.TextDocumentContentChangeEvent, enc textpos.Encoding) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if version <= d.version {
		return fmt.Errorf("version %d is not newer than %d; change ignored", version, d.version)
	}
	for _, ch := range changes {
		switch ch := ch.(type) {
		case *protocol.TextDocumentContentChangePartial:
			lines := d.lines()
			sp := toSpan(lines, ch.Range, enc)
			text := []byte(ch.Text)
			if d.c != nil {
				d.c.Edit(sp.Start, sp.End, text)
				d.content = d.c.Content()
			} else {
				next := make([]byte, 0, len(d.content)-(sp.End-sp.Start)+len(text))
				next = append(append(append(next, d.content[:sp.Start]...), text...), d.content[sp.End:]...)
				d.content = next
			}
			d.index = lines.Edited(d.content, sp.Start, sp.End, text)
		case *protocol.TextDocumentContentChangeWholeDocument:
			d.content = []byte(ch.Text)
			d.index = nil
			d.resetParser()
		default:
			return fmt.Errorf("unknown content change %T", ch)
		}
	}
	d.version = version
	d.edited = editCount.Add(1)
	return nil
}

// state is what the analysis needs: the content at a version, its line
// index (shared with the next edit's position conversion, so a keystroke
// indexes a large file once), and for C buffers facts brought up to date
// incrementally. The facts are a copy: later edits move the Document's own
// facts in place.
func (d *document) state() (content []byte, version int32, lines *textpos.Index, facts *cfacts.Facts) {
	d.mu.Lock()
	defer d.mu.Unlock()
	// An oversized buffer is reported, not analysed (analysis.MaxFileSize).
	if d.c != nil && len(d.content) <= analysis.MaxFileSize {
		facts = d.incrementalFacts()
	}
	return d.content, d.version, d.lines(), facts
}

// incrementalFacts updates the parse; a grammar bug costs this buffer its
// incremental parse (the engine then parses the content itself, and reports
// the file if that fails too), not the server.
func (d *document) incrementalFacts() (f *cfacts.Facts) {
	defer func() {
		if r := recover(); r != nil {
			f = nil
			d.resetParser()
		}
	}()
	return d.c.Facts() // never modified by later edits: no copy needed
}

func (d *document) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.c != nil {
		d.c.Close()
		d.c = nil
	}
}
