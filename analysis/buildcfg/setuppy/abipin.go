package setuppy

import (
	"github.com/hpyproject/hpylint/analysis/source"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// pinnable reports whether the ABI expression at span is what the
// hpy_abi value val stands for, alone: val itself, or the value of the one
// assignment a name leads to (following names assigned once). Writing a
// literal there pins the ABI; where a name has several candidate
// assignments, or the value is built elsewhere, one edit cannot.
func (r *reader) pinnable(val *sitter.Node, sc *scope, span source.Span) bool {
	n := r.unwrap(val)
	for depth := 0; n != nil && depth < 32; depth++ {
		if r.span(n) == span {
			return true
		}
		if n.Kind() != "identifier" {
			return false
		}
		cands := r.candidates(n, sc)
		if len(cands) != 1 {
			return false
		}
		n, sc = r.unwrap(cands[0].value), cands[0].sc
	}
	return false
}
