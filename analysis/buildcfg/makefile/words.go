package makefile

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// chunk is a run of text after make expansion. Literal chunks are split
// into words; opaque ones (a reference we cannot expand, a function call,
// $$) join the word they are in as they are.
type chunk struct {
	// start, end is where the text is in the file; -1 for text no literal
	// wrote (the space += adds, a seeded variable).
	start, end int
	text       string
	opaque     bool
	// whole marks known text that is already one word (a substitution
	// result): it joins the current word unsplit.
	whole bool
	// path lists the reference sites ($(VAR) in the file) the chunk was
	// reached through, outermost first.
	path []source.Span
}

// word is one shell word after quote removal, or a shell operator.
type word struct {
	value string
	op    bool // ; && || | & ( ) < > : separates commands
	parts []part
	// unknown is set when the word holds an opaque chunk: its value then
	// keeps a reference or call as written.
	unknown bool
}

// part is a stretch of one chunk inside a word.
type part struct {
	start, end int
	path       []source.Span
}

// span is where the word is written: at the deepest reference level that
// still holds all of it. A word wholly inside a variable's value points at
// that literal; -I$(INC) points at those characters where they are written
// together. ok is false when nothing in the file wrote it.
func (w *word) span() (source.Span, bool) {
	if len(w.parts) == 0 {
		return source.Span{}, false
	}
	k := commonPrefix(w.parts)
	lo, hi := -1, -1
	for _, p := range w.parts {
		var r source.Span
		switch {
		case len(p.path) > k:
			r = p.path[k]
		case p.start >= 0:
			r = source.Span{Start: p.start, End: p.end}
		case len(p.path) > 0:
			r = p.path[len(p.path)-1]
		default:
			continue
		}
		if r.Start < 0 {
			continue
		}
		if lo < 0 || r.Start < lo {
			lo = r.Start
		}
		if r.End > hi {
			hi = r.End
		}
	}
	if lo < 0 {
		return source.Span{}, false
	}
	return source.Span{Start: lo, End: hi}, true
}

func commonPrefix(parts []part) int {
	k := len(parts[0].path)
	for _, p := range parts[1:] {
		k = min(k, len(p.path))
		for i := 0; i < k; i++ {
			if p.path[i] != parts[0].path[i] {
				k = i
				break
			}
		}
	}
	return k
}

// splitter splits expanded text into words the way the shell will: quotes
// group, backslashes escape. In recipe mode it also knows shell comments and
// the operators that separate commands.
type splitter struct {
	recipe   bool
	words    []word
	cur      word
	started  bool
	single   bool
	double   bool
	comment  bool
	partFrom int // first file offset of the current chunk in cur, or -1
	partTo   int
}

func splitWords(chunks []chunk, recipe bool) []word {
	s := &splitter{recipe: recipe, partFrom: -1, partTo: -1}
	for _, c := range chunks {
		s.chunk(c)
	}
	s.endWord(nil)
	return s.words
}

func (s *splitter) chunk(c chunk) {
	if c.opaque || c.whole {
		if s.comment {
			return
		}
		s.started = true
		s.cur.value += c.text
		s.cur.unknown = s.cur.unknown || c.opaque
		s.cur.parts = append(s.cur.parts, part{start: c.start, end: c.end, path: c.path})
		return
	}
	// A chunk whose text is not the file's (a substitution result) maps
	// every byte to its whole range.
	exact := c.start >= 0 && c.end-c.start == len(c.text)
	at := func(i int) (int, int) {
		switch {
		case exact:
			return c.start + i, c.start + i + 1
		case c.start >= 0:
			return c.start, c.end
		}
		return -1, -1
	}
	for i := 0; i < len(c.text); i++ {
		ch := c.text[i]
		pos := i
		if s.comment {
			if ch == '\n' {
				s.comment = false
			}
			continue
		}
		switch {
		case s.single:
			if ch == '\'' {
				s.single = false
			} else {
				s.cur.value += string(ch)
			}
			s.take(at(pos))
		case s.double:
			switch {
			case ch == '"':
				s.double = false
			case ch == '\\' && i+1 < len(c.text) && strings.IndexByte("\"\\$`\n", c.text[i+1]) >= 0:
				i++
				if c.text[i] != '\n' {
					s.cur.value += string(c.text[i])
				}
				s.take(at(pos))
				pos++
			default:
				s.cur.value += string(ch)
			}
			s.take(at(pos))
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			s.endWord(&c)
		case ch == '\\' && i+1 < len(c.text) && (c.text[i+1] == '\n' || c.text[i+1] == '\r'):
			// A continued line: the words on either side stay apart.
			s.endWord(&c)
			i++
		case ch == '\\' && i+1 < len(c.text):
			i++
			s.cur.value += string(c.text[i])
			s.started = true
			s.take(at(pos))
			s.take(at(pos + 1))
		case ch == '\'':
			s.single, s.started = true, true
			s.take(at(pos))
		case ch == '"':
			s.double, s.started = true, true
			s.take(at(pos))
		case s.recipe && ch == '#' && !s.started:
			s.comment = true
		case s.recipe && strings.IndexByte(";&|()<>", ch) >= 0:
			s.endWord(&c)
			op := string(ch)
			if (ch == '&' || ch == '|') && i+1 < len(c.text) && c.text[i+1] == ch {
				op += string(ch)
				i++
			}
			w := word{value: op, op: true}
			if from, _ := at(pos); from >= 0 {
				_, to := at(i)
				w.parts = []part{{start: from, end: to, path: c.path}}
			}
			s.words = append(s.words, w)
		default:
			s.cur.value += string(ch)
			s.started = true
			s.take(at(pos))
		}
	}
	s.flushPart(&c)
}

// take records that the file bytes [from, to) belong to the current word.
func (s *splitter) take(from, to int) {
	s.started = true
	if from < 0 {
		if s.partFrom == -1 {
			// Synthetic text: remember the chunk's path only.
			s.partFrom, s.partTo = -2, -2
		}
		return
	}
	if s.partFrom < 0 || from < s.partFrom {
		s.partFrom = from
	}
	s.partTo = max(s.partTo, to)
}

func (s *splitter) flushPart(c *chunk) {
	switch {
	case s.partFrom >= 0:
		s.cur.parts = append(s.cur.parts, part{start: s.partFrom, end: s.partTo, path: c.path})
	case s.partFrom == -2:
		s.cur.parts = append(s.cur.parts, part{start: -1, end: -1, path: c.path})
	}
	s.partFrom, s.partTo = -1, -1
}

func (s *splitter) endWord(c *chunk) {
	if c != nil {
		s.flushPart(c)
	}
	if s.started {
		s.words = append(s.words, s.cur)
	}
	s.cur, s.started = word{}, false
}
