package cmake

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// ArgKind is the syntactic form of a command argument; it decides how the
// argument is evaluated (bracket arguments are never expanded, unquoted ones
// are split into lists).
type ArgKind int

const (
	Unquoted ArgKind = iota
	Quoted
	Bracket
)

func (k ArgKind) String() string {
	switch k {
	case Quoted:
		return "quoted"
	case Bracket:
		return "bracket"
	}
	return "unquoted"
}

// Argument is one argument of a command invocation.
type Argument struct {
	Kind ArgKind
	// Span covers the whole argument, quotes and brackets included.
	Span source.Span
	// Raw is the argument's content without its delimiters, escapes and
	// variable references still unprocessed. For a bracket argument a newline
	// right after the opening bracket is already dropped, as CMake does.
	Raw string
	// RawStart is the offset of Raw in the file.
	RawStart int
}

// Command is one command invocation: name(args).
type Command struct {
	Name     string // as written; CMake command names are case-insensitive
	NameSpan source.Span
	// Span runs from the name to the closing parenthesis (or to where
	// reading stopped when the parenthesis is missing).
	Span source.Span
	// Args in order. Parentheses nested inside the argument list become
	// unquoted "(" and ")" arguments, as CMake passes them to if().
	Args []Argument
}

// Listfile is the parse of one CMake file.
type Listfile struct {
	Commands []Command
	Comments []source.Comment
	Problems []buildcfg.Problem
}
