package cfacts

import (
	"iter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// ArgList is the arguments of a call or a macro invocation. An editor
// buffer's facts move through every keystroke (Document), and calls are
// the most numerous facts of a file: rather than copy every argument list
// behind the edit, a moved list keeps its arguments as read and the
// distance the text has moved since.
type ArgList struct {
	args  []Arg
	shift int
}

// NewArgList lists args, with their spans as they are.
func NewArgList(args ...Arg) ArgList { return ArgList{args: args} }

// Len is the number of arguments.
func (l ArgList) Len() int { return len(l.args) }

// At is argument i; it panics when i is out of range, as indexing does.
func (l ArgList) At(i int) Arg {
	a := l.args[i]
	a.Span = source.Span{Start: a.Span.Start + l.shift, End: a.Span.End + l.shift}
	return a
}

// All yields the arguments in order with their indexes.
func (l ArgList) All() iter.Seq2[int, Arg] {
	return func(yield func(int, Arg) bool) {
		for i := range l.args {
			if !yield(i, l.At(i)) {
				return
			}
		}
	}
}

// Slice is the arguments as a new slice.
func (l ArgList) Slice() []Arg {
	if l.args == nil {
		return nil
	}
	out := make([]Arg, len(l.args))
	for i := range out {
		out[i] = l.At(i)
	}
	return out
}

// hull is the least start and the greatest end of the arguments' spans.
func (l ArgList) hull() (lo, hi int) {
	lo, hi = int(^uint(0)>>1), -1
	for _, a := range l.args {
		lo, hi = min(lo, a.Span.Start), max(hi, a.Span.End)
	}
	return lo + l.shift, hi + l.shift
}
