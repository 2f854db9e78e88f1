package diag

// A run of the rules keeps most findings of the run before, and with them
// their texts: rendering every cited line again cost a fifth of the
// allocations of a key in a workspace of 2,000 files. A renderer given
// the last run's memo takes a text from it while every file the text
// cites gives the token it gave then: the engine's token is the file's
// line index, which a run shares with the run before while the file's
// text is the same.

// Memo is what a run's renderers rendered, for the next run's.
type Memo struct {
	done []map[string]rendered
}

// MemoOf is the memo of a run's renderers.
func MemoOf(rs ...*Renderer) *Memo {
	m := &Memo{}
	for _, r := range rs {
		m.done = append(m.done, r.done)
	}
	return m
}

// WithMemo has r take texts from prev (nil: none) while token gives each
// cited path the token it gave when the text was rendered, and note the
// tokens of what it renders; tokens are compared with ==, so they must be
// comparable (a pointer). It returns r.
func (r *Renderer) WithMemo(prev *Memo, token func(path string) any) *Renderer {
	r.prev, r.token = prev, token
	return r
}

// Afresh counts the texts r rendered rather than found done.
func (r *Renderer) Afresh() int { return r.afresh }

// take is s as m has it rendered, when every file it cites gives the same
// token now.
func (m *Memo) take(s string, token func(path string) any) (rendered, bool) {
	if m == nil || token == nil {
		return rendered{}, false
	}
	for _, done := range m.done {
		out, ok := done[s]
		if !ok {
			continue
		}
		if len(out.tokens) != len(out.cites) {
			return rendered{}, false
		}
		for i, c := range out.cites {
			if token(c.At.Path) != out.tokens[i] {
				return rendered{}, false
			}
		}
		return out, true
	}
	return rendered{}, false
}
