package cfacts

import (
	"github.com/hpyproject/hpylint/analysis/ctoken"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// A CPython-looking name the file declares itself is the project's, not
// CPython's: a prototype or extern declaration whose body is elsewhere
// (`extern HPy PyFooDecoderNew(...)`), a file-scope variable of any type
// (`static HPyGlobal PyFooType;`), a struct, union or enum tag, an
// enumerator. readRefs marks such a reference DeclRef. It asks the tree
// only about the candidates the pre-pass found (CPython-looking names), so
// the cost stays with the few names it concerns.

// declClass is what a node kind means when climbing from a name to the
// declaration it declares.
type declClass uint8

const (
	notDecl      declClass = iota
	declarator             // pointer, array, function, init, attributed declarators: the name is their "declarator"
	parenDecl              // parenthesized and reference declarators: one child
	declaration            // declaration, function_definition
	enumerator             // the name is an enumerator's
	fileScope              // translation_unit, preprocessor branches, extern "C" and namespace bodies
	tagSpecifier           // struct, union, enum, class specifiers
	statement              // expression_statement
	pointerExpr            // pointer_expression
	assignExpr             // assignment_expression
	misreadScope           // qualified_identifier, a declarator when misreadReturnType
)

// declKinds classifies node kinds for the climb, by id.
type declKinds struct {
	class      []declClass
	declarator uint16 // field ids
	body       uint16
	typ        uint16
	name       uint16
	argument   uint16
	left       uint16
	value      uint16
}

func newDeclKinds(l *sitter.Language) declKinds {
	k := declKinds{
		class:      make([]declClass, l.NodeKindCount()),
		declarator: l.FieldIdForName("declarator"),
		body:       l.FieldIdForName("body"),
		typ:        l.FieldIdForName("type"),
		name:       l.FieldIdForName("name"),
		argument:   l.FieldIdForName("argument"),
		left:       l.FieldIdForName("left"),
		value:      l.FieldIdForName("value"),
	}
	for id := range uint16(l.NodeKindCount()) {
		if !l.NodeKindIsNamed(id) {
			continue
		}
		switch l.NodeKindForId(id) {
		case "pointer_declarator", "array_declarator", "function_declarator", "init_declarator", "attributed_declarator",
			"pointer_type_declarator":
			k.class[id] = declarator
		case "qualified_identifier":
			k.class[id] = misreadScope
		case "parenthesized_declarator", "reference_declarator":
			k.class[id] = parenDecl
		case "declaration", "function_definition":
			k.class[id] = declaration
		case "enumerator":
			k.class[id] = enumerator
		case "translation_unit", "preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef",
			"declaration_list", "linkage_specification":
			k.class[id] = fileScope
		case "struct_specifier", "union_specifier", "enum_specifier", "class_specifier":
			k.class[id] = tagSpecifier
		case "expression_statement":
			k.class[id] = statement
		case "pointer_expression":
			k.class[id] = pointerExpr
		case "assignment_expression":
			k.class[id] = assignExpr
		}
	}
	return k
}

func (k *declKinds) of(n *sitter.Node) declClass {
	if id := n.KindId(); int(id) < len(k.class) {
		return k.class[id]
	}
	return notDecl
}

// declaresName reports whether the identifier n is the name a file-scope
// declaration or definition declares, or an enumerator's name.
func (k *declKinds) declaresName(src []byte, n *sitter.Node) bool {
	start, end := int(n.StartByte()), int(n.EndByte())
	if !endsDeclarator(nextNonBlank(src, end)) {
		// `NPY_NO_EXPORT PyTypeObject PyFoo_Type;` can parse with the type
		// as the declarator: a declared name is followed by one of these.
		return false
	}
	if !afterDeclaratorStart(src, start) {
		return false // a call or a value at a statement's start, after '(' or an operator
	}
	cur := n
	par := n.Parent()
	// The name after such a macro-typed declarator: error recovery puts it
	// in an ERROR beside it, or, up to the ';', in a statement of its own
	// (never valid at file scope otherwise): `* _PyFoo_p = NULL;` is then
	// an assignment through a pointer.
	top, child := par, n
	for top != nil && (k.of(top) == pointerExpr && isField(top, k.argument, child) || k.of(top) == assignExpr && isField(top, k.left, child)) {
		child, top = top, top.Parent()
	}
	if top != nil && (top.IsError() || k.of(top) == statement) && followsWord(src, start) {
		if k.of(top) == statement {
			return top.NamedChildCount() == 1 && atFileScope(k, top)
		}
		return k.enclosingDeclaration(top)
	}
	for {
		if cur != n {
			par = cur.Parent()
		}
		if par == nil {
			return false
		}
		switch k.of(par) {
		case declarator:
			if !isField(par, k.declarator, cur) {
				return false // an initializer's value, a parameter list
			}
		case parenDecl:
		case misreadScope:
			if !misreadReturnType(par) || !isField(par, k.name, cur) {
				return false
			}
		case enumerator:
			return isField(par, k.name, cur)
		case declaration:
			return isField(par, k.declarator, cur) && !cpythonDeclaration(src, par, k.typ) && atFileScope(k, par)
		default:
			return false
		}
		cur = par
	}
}

// misreadFunctionName reports whether the type name n is the name of a
// function declarator: a function's name misread as a type
// (misreadReturnType).
func (k *declKinds) misreadFunctionName(n *sitter.Node) bool {
	par := n.Parent()
	return par != nil && par.Kind() == "function_declarator" && isField(par, k.declarator, n)
}

// declaresTag reports whether the type identifier n names the tag of a
// struct, union, enum or class that is defined here (it has a body) or
// declared at file scope on its own (`struct PyFoo;`).
func (k *declKinds) declaresTag(n *sitter.Node) bool {
	spec := n.Parent()
	if spec == nil || k.of(spec) != tagSpecifier || !isField(spec, k.name, n) {
		return false
	}
	if spec.ChildByFieldId(k.body) != nil {
		return true
	}
	// `struct PyFoo;` is a specifier directly at file scope, or a
	// declaration of nothing.
	decl := spec.Parent()
	switch {
	case decl == nil:
		return false
	case k.of(decl) == fileScope:
		return atFileScope(k, spec)
	}
	return k.of(decl) == declaration && decl.ChildByFieldId(k.declarator) == nil && atFileScope(k, decl)
}

func atFileScope(k *declKinds, n *sitter.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if k.of(p) != fileScope {
			return false
		}
		if p.Parent() == nil {
			return true
		}
	}
	return false
}

func isField(parent *sitter.Node, field uint16, child *sitter.Node) bool {
	c := parent.ChildByFieldId(field)
	return c != nil && c.Id() == child.Id()
}

// cpythonDeclaration reports declarations written the way CPython's own
// headers declare their API (PyAPI_FUNC(...), PyAPI_DATA(...)): a copy of
// a CPython header declares CPython's names, not the project's.
func cpythonDeclaration(src []byte, decl *sitter.Node, typ uint16) bool {
	t := decl.ChildByFieldId(typ)
	if t == nil || t.Kind() != "macro_type_specifier" {
		return false
	}
	name := t.ChildByFieldName("name")
	switch text(src, name) {
	case "PyAPI_FUNC", "PyAPI_DATA":
		return true
	}
	return false
}

// afterTagKeyword reports whether the name at off follows `struct`,
// `union`, `enum` or `class`: the byte test that spares asking the tree
// about every type name.
func afterTagKeyword(src []byte, off int) bool {
	i := off
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r') {
		i--
	}
	j := i
	for j > 0 && ctoken.IsIdentPart(src[j-1]) {
		j--
	}
	switch string(src[j:i]) {
	case "struct", "union", "enum", "class":
		return true
	}
	return false
}

// enclosingDeclaration reports whether n lies in the declarators of a
// file-scope declaration.
func (k *declKinds) enclosingDeclaration(n *sitter.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch k.of(p) {
		case declarator, parenDecl:
		case declaration:
			return atFileScope(k, p)
		default:
			return false
		}
	}
	return false
}

func endsDeclarator(next byte) bool {
	switch next {
	case '(', ';', '=', '[', ',', ')', '{', '}', ':', 0:
		return true
	}
	return false
}

// nextNonBlank is the first byte at or after off that is not blank, 0 at
// the end.
func nextNonBlank(src []byte, off int) byte {
	for ; off < len(src); off++ {
		switch c := src[off]; c {
		case ' ', '\t', '\r', '\n', '\f', '\v':
		default:
			return c
		}
	}
	return 0
}

// followsWord reports whether the last non-blank byte before off ends a
// word or a pointer star: the name follows a type.
func followsWord(src []byte, off int) bool {
	for off > 0 {
		off--
		switch c := src[off]; c {
		case ' ', '\t', '\r', '\n', '\f', '\v':
		default:
			return c == '*' || ctoken.IsIdentPart(c)
		}
	}
	return false
}

// afterDeclaratorStart reports whether the byte before a declared name can
// precede it: the end of a type name, '*' or '&' of a declarator, ',' of a
// list, '{' of an enum body, '}' of a struct. The test spares asking the
// tree about most uses.
func afterDeclaratorStart(src []byte, off int) bool {
	for off > 0 {
		off--
		switch c := src[off]; c {
		case ' ', '\t', '\r', '\n', '\f', '\v':
		case '*', '&', ',', '{', '}':
			return true
		default:
			return ctoken.IsIdentPart(c)
		}
	}
	return false
}
