package meson

import "github.com/hpyproject/hpylint/analysis/source"

// Node is an expression or a statement.
type Node interface {
	Pos() source.Span
}

type (
	// Ident is a variable name.
	Ident struct {
		Name string
		Span source.Span
	}
	// StringLit is a string literal; Span includes the quotes.
	StringLit struct {
		Value  string
		Format bool // f'...'
		Span   source.Span
	}
	NumberLit struct {
		Text string
		Span source.Span
	}
	BoolLit struct {
		Value bool
		Span  source.Span
	}
	ArrayLit struct {
		Elems []Node
		Span  source.Span
	}
	DictLit struct {
		Keys, Values []Node
		Span         source.Span
	}
	// Call is f(args) or recv.f(args) (Recv set).
	Call struct {
		Recv   Node
		Name   *Ident
		Args   []Node
		Kwargs []Kwarg
		Span   source.Span
	}
	Index struct {
		X, Index Node
		Span     source.Span
	}
	Binary struct {
		Op   string // + - * / % == != < <= > >= in "not in" and or
		X, Y Node
		Span source.Span
	}
	Unary struct {
		Op   string // not, -
		X    Node
		Span source.Span
	}
	Ternary struct {
		Cond, Then, Else Node
		Span             source.Span
	}
)

// Kwarg is key : value.
type Kwarg struct {
	Key   *Ident
	Value Node
}

type (
	// Assign is name = value or name += value.
	Assign struct {
		Target *Ident
		Op     string
		Value  Node
		Span   source.Span
	}
	ExprStmt struct {
		X Node
	}
	If struct {
		Clauses []IfClause
		Else    []Node
		Span    source.Span
	}
	IfClause struct {
		Cond Node
		Body []Node
	}
	Foreach struct {
		Vars []*Ident
		Iter Node
		Body []Node
		Span source.Span
	}
	// Jump is break or continue.
	Jump struct {
		Keyword string
		Span    source.Span
	}
)

func (n *Ident) Pos() source.Span     { return n.Span }
func (n *StringLit) Pos() source.Span { return n.Span }
func (n *NumberLit) Pos() source.Span { return n.Span }
func (n *BoolLit) Pos() source.Span   { return n.Span }
func (n *ArrayLit) Pos() source.Span  { return n.Span }
func (n *DictLit) Pos() source.Span   { return n.Span }
func (n *Call) Pos() source.Span      { return n.Span }
func (n *Index) Pos() source.Span     { return n.Span }
func (n *Binary) Pos() source.Span    { return n.Span }
func (n *Unary) Pos() source.Span     { return n.Span }
func (n *Ternary) Pos() source.Span   { return n.Span }
func (n *Assign) Pos() source.Span    { return n.Span }
func (n *ExprStmt) Pos() source.Span  { return n.X.Pos() }
func (n *If) Pos() source.Span        { return n.Span }
func (n *Foreach) Pos() source.Span   { return n.Span }
func (n *Jump) Pos() source.Span      { return n.Span }

// Program is the parse of one meson.build.
type Program struct {
	Stmts []Node
}
