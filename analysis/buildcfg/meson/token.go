package meson

import "github.com/hpyproject/hpylint/analysis/source"

// Kind is a token kind.
type Kind int

const (
	TokEOF Kind = iota
	TokNewline
	TokIdent
	TokString // Value holds the decoded text
	TokFString
	TokNumber
	TokPunct // Text holds the operator
)

// Token is one lexical token. Keywords are TokIdent tokens; the parser tells
// them apart, as meson's own lexer does.
type Token struct {
	Kind  Kind
	Span  source.Span
	Text  string // as written
	Value string // decoded string value (TokString, TokFString)
}

var keywords = map[string]bool{
	"if": true, "elif": true, "else": true, "endif": true,
	"foreach": true, "endforeach": true, "break": true, "continue": true,
	"and": true, "or": true, "not": true, "in": true, "true": true, "false": true,
}
