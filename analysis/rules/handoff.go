package rules

import "sync"

// A run's carry takes the tables of the carry before it (carryTables),
// which is left without them. Runs made one after another from one
// result (the language server's run superseded by a key, then the run
// after it) each take them from the last run that did: its tables hold
// what it worked out, each entry with the facts it was worked out on, and
// its units say which facts those were, so comparing them with a
// project's says what to drop, whichever result the run was made from.
// The carries that passed the tables on share a line that knows the last:
// a result kept long after (a request's) holds its carry, and through the
// line that one carry, never every carry after it.
type carryLine struct {
	mu   sync.Mutex
	last *Carry // the carry holding the tables
}

// claim is the carry whose tables c may take, and puts c in its place:
// the last of prev's line. It is nil, and c starts a line of its own,
// when prev is nil or the last carry's run has not settled (it runs
// still, or ended by a panic or with a failed rule).
func claim(prev, c *Carry) *Carry {
	if prev != nil {
		line := prev.line
		line.mu.Lock()
		defer line.mu.Unlock()
		if last := line.last; last.settled {
			line.last, c.line = c, line
			return last
		}
	}
	c.line = &carryLine{last: c}
	return nil
}

// unclaim gives prev's line back to prev when c, which claimed it, keeps
// nothing of prev's; c starts a line of its own.
func unclaim(prev, c *Carry) {
	if prev != nil {
		line := prev.line
		line.mu.Lock()
		if line.last == c {
			line.last = prev
		}
		line.mu.Unlock()
	}
	c.line = &carryLine{last: c}
}

// Settle says the run that used c is over: when ok (it finished, with no
// rule failing), the next run may take c's tables. A carry never settled
// keeps them to itself, and the run after it starts afresh.
func (c *Carry) Settle(ok bool) {
	c.line.mu.Lock()
	defer c.line.mu.Unlock()
	c.settled = ok
}
