package lsp

import (
	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// Every LSP position the server reads or writes goes through these four
// functions, in the encoding negotiated at initialize; textpos does the
// counting.

func toPosition(x *textpos.Index, off int, enc textpos.Encoding) protocol.Position {
	line, col := x.Position(off, enc)
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}

func toRange(x *textpos.Index, sp source.Span, enc textpos.Encoding) protocol.Range {
	return protocol.Range{Start: toPosition(x, sp.Start, enc), End: toPosition(x, sp.End, enc)}
}

func toOffset(x *textpos.Index, p protocol.Position, enc textpos.Encoding) int {
	return x.Offset(int(p.Line), int(p.Character), enc)
}

func toSpan(x *textpos.Index, r protocol.Range, enc textpos.Encoding) source.Span {
	start, end := toOffset(x, r.Start, enc), toOffset(x, r.End, enc)
	if end < start {
		start, end = end, start
	}
	return source.Span{Start: start, End: end}
}
