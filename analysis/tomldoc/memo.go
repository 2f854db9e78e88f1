package tomldoc

import (
	"bytes"
	"slices"
	"sync"
)

// A run reads pyproject.toml twice, for [tool.hpylint] and as a build
// config, and on a large file the parse is most of the run. The last
// document parsed is kept, with a copy of its content, so a second Parse of
// the same bytes costs a comparison. A Doc is never changed after Parse;
// the problems are handed out clipped, so an append makes a new array.
var lastParse memo

type memo struct {
	mu       sync.Mutex
	content  []byte
	doc      *Doc
	problems []Problem
}

func (m *memo) get(content []byte) (*Doc, []Problem, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.doc == nil || !bytes.Equal(m.content, content) {
		return nil, nil, false
	}
	return m.doc, slices.Clip(m.problems), true
}

func (m *memo) put(content []byte, doc *Doc, problems []Problem) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.content, m.doc, m.problems = bytes.Clone(content), doc, problems
}
