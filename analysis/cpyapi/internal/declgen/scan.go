// Package declgen lists the names CPython's public C headers declare, read with tree-sitter-c, for cpyapi's data/cpython_declared.tsv.
package declgen

import (
	"bytes"
	"sort"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tsc "github.com/tree-sitter/tree-sitter-c/bindings/go"
)

// Kind is what a header declares a name as.
type Kind string

const (
	Function   Kind = "function"   // PyAPI_FUNC(T) name(...), a static inline function
	Data       Kind = "data"       // PyAPI_DATA(T) name, any other file-scope variable
	Macro      Kind = "macro"      // #define NAME, object-like or function-like
	Typedef    Kind = "typedef"    // typedef ... name
	Tag        Kind = "tag"        // struct/union/enum name
	Enumerator Kind = "enumerator" // a constant of an enum
)

// Decl is one name a header declares.
type Decl struct {
	Name string
	Kind Kind
}

var language = sitter.NewLanguage(tsc.Language())

// ScanHeader returns the names src declares at file scope, in any
// preprocessor branch (a name declared only under Py_LIMITED_API or only
// on Windows is still CPython's). Parameters, locals, struct fields and
// macro parameters are not declarations of the API and are left out.
func ScanHeader(src []byte) []Decl {
	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(language); err != nil {
		panic("declgen: tree-sitter-c: " + err.Error())
	}
	tree := p.Parse(src, nil)
	if blanked, ok := withoutComments(src, tree.RootNode()); ok {
		// tree-sitter-c misreads two things CPython's headers are full of:
		// a comment inside a macro's continued lines ends its reading of
		// the macro, and the rest of it then spoils the file
		// (cpython/genobject.h's _PyGenObject_HEAD); a #define whose value
		// is only blanks (`#define X(a) /* empty */`) takes the next line as
		// its value, hiding the macro defined there. Without comments and
		// trailing blanks the same text parses.
		tree.Close()
		src = blanked
		tree = p.Parse(src, nil)
	}
	defer tree.Close()
	s := scanner{src: src, seen: map[Decl]bool{}}
	s.walk(tree.RootNode())
	sort.Slice(s.out, func(i, j int) bool {
		if s.out[i].Name != s.out[j].Name {
			return s.out[i].Name < s.out[j].Name
		}
		return s.out[i].Kind < s.out[j].Kind
	})
	return s.out
}

type scanner struct {
	src  []byte
	seen map[Decl]bool
	out  []Decl
}

func (s *scanner) add(n *sitter.Node, k Kind) {
	if n != nil {
		s.addName(n.Utf8Text(s.src), k)
	}
}

func (s *scanner) addName(name string, k Kind) {
	d := Decl{Name: name, Kind: k}
	if d.Name == "" || s.seen[d] {
		return
	}
	s.seen[d] = true
	s.out = append(s.out, d)
}

// walk visits a node at file scope (or inside a preprocessor branch or a
// linkage block, which are file scope too).
func (s *scanner) walk(n *sitter.Node) {
	switch n.Kind() {
	case "preproc_def", "preproc_function_def":
		s.add(n.ChildByFieldName("name"), Macro)
		return
	case "preproc_call":
		s.definedInPlace(n)
		return
	case "function_definition":
		s.specifiers(n)
		s.declarator(n.ChildByFieldName("declarator"), Function)
		return // the body holds locals, not API
	case "declaration", "field_declaration":
		// A field_declaration at file scope is a declaration that error
		// recovery left inside a struct that had closed (see body).
		s.specifiers(n)
		if name := s.afterAttribute(n); name != nil {
			s.add(name, Function)
			return
		}
		s.declarators(n, Data)
		return
	case "type_definition":
		s.specifiers(n)
		for _, d := range n.ChildrenByFieldName("declarator", n.Walk()) {
			s.typedefName(&d)
		}
		return
	case "struct_specifier", "union_specifier", "enum_specifier":
		s.tagged(n, Data)
		return
	case "expression_statement":
		s.pointerToFunction(n)
		return
	case "ERROR":
		s.recovered(n)
		return
	case "compound_statement", "parameter_list", "preproc_arg":
		return
	}
	for i := uint(0); i < n.ChildCount(); i++ {
		s.walk(n.Child(i))
	}
}

// afterAttribute reads `PyAPI_FUNC(void) _Py_NO_RETURN Py_Exit(int);`,
// which tree-sitter splits into a declaration of _Py_NO_RETURN missing its
// semicolon and a call Py_Exit(int): it returns the function's name, or nil
// for any other declaration.
func (s *scanner) afterAttribute(decl *sitter.Node) *sitter.Node {
	if !s.isExported(decl.ChildByFieldName("type")) || !missingSemicolon(decl) {
		return nil
	}
	next := decl.NextNamedSibling()
	if next == nil || next.Kind() != "expression_statement" || next.NamedChildCount() != 1 {
		return nil
	}
	call := next.NamedChild(0)
	if call.Kind() != "call_expression" {
		return nil
	}
	if fn := call.ChildByFieldName("function"); fn != nil && fn.Kind() == "identifier" {
		return fn
	}
	return nil
}

func missingSemicolon(decl *sitter.Node) bool {
	last := decl.Child(decl.ChildCount() - 1)
	return last != nil && last.IsMissing()
}

// declarators reads the names a declaration declares, including those that
// error recovery put in an ERROR child: an attribute macro between the type
// and the name (PyAPI_FUNC(void) _Py_NO_RETURN Py_FatalError(...)) stands
// there.
func (s *scanner) declarators(decl *sitter.Node, k Kind) {
	for _, d := range decl.ChildrenByFieldName("declarator", decl.Walk()) {
		s.declarator(&d, k)
	}
	for i := uint(0); i < decl.ChildCount(); i++ {
		if c := decl.Child(i); c.Kind() == "ERROR" {
			s.recovered(c)
		}
	}
}

// specifiers reads the struct, union and enum definitions in a
// declaration's type (typedef struct _object {...} PyObject;).
func (s *scanner) specifiers(decl *sitter.Node) {
	owner := Data
	if decl.Kind() == "type_definition" {
		owner = Typedef
	}
	for _, t := range decl.ChildrenByFieldName("type", decl.Walk()) {
		s.typeSpecifier(&t, owner)
	}
}

// typeSpecifier reads a type. owner is what the declarators of the
// declaration the type belongs to declare, for a struct whose closing
// brace error recovery misplaced (see body).
func (s *scanner) typeSpecifier(t *sitter.Node, owner Kind) {
	switch t.Kind() {
	case "struct_specifier", "union_specifier", "enum_specifier":
		s.tagged(t, owner)
	case "macro_type_specifier":
		// PyAPI_FUNC(struct _frame *): the tag is named in the descriptor.
		if d := t.ChildByFieldName("type"); d != nil {
			if inner := d.ChildByFieldName("type"); inner != nil {
				s.typeSpecifier(inner, owner)
			}
		}
	}
}

// tagged reads a struct, union or enum specifier: its tag, the enumerators
// of an enum, and the tagged types nested in a struct's fields.
func (s *scanner) tagged(n *sitter.Node, owner Kind) {
	s.add(n.ChildByFieldName("name"), Tag)
	if body := n.ChildByFieldName("body"); body != nil {
		closed := false
		s.body(body, owner, &closed)
	}
}

// body reads a struct or enum body. A field that is a macro call without a
// semicolon (`_PyGenObject_HEAD(ag)` in cpython/genobject.h 3.11) makes
// tree-sitter take the struct's closing brace as an ERROR inside a field and
// read the rest of the file as fields: the names after that brace are the
// enclosing declaration's (owner), and every field after it is a file-scope
// declaration. A PyAPI_FUNC or PyAPI_DATA field is never a field.
func (s *scanner) body(body *sitter.Node, owner Kind, closed *bool) {
	for i := uint(0); i < body.NamedChildCount(); i++ {
		c := body.NamedChild(i)
		switch c.Kind() {
		case "enumerator":
			s.add(c.ChildByFieldName("name"), Enumerator)
		case "field_declaration":
			switch {
			case *closed || s.isExported(c.ChildByFieldName("type")):
				s.walk(c)
			case closesStruct(c):
				*closed = true
				if t := c.ChildByFieldName("type"); t != nil {
					s.typeSpecifier(t, Data)
				}
				for _, d := range c.ChildrenByFieldName("declarator", c.Walk()) {
					if owner == Typedef {
						s.typedefName(&d)
					} else {
						s.declarator(&d, owner)
					}
				}
			default:
				if t := c.ChildByFieldName("type"); t != nil {
					s.typeSpecifier(t, Data)
				}
			}
		case "preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef":
			// Fields and enumerators under #if read as the branch's children.
			s.body(c, owner, closed)
		case "preproc_def", "preproc_function_def":
			s.add(c.ChildByFieldName("name"), Macro)
		case "preproc_call":
			s.definedInPlace(c)
		case "ERROR":
			s.recovered(c)
		default:
			if *closed {
				s.walk(c)
			}
		}
	}
}

// definedInPlace reads a #define where tree-sitter-c expects none, inside
// an enum (cpython/funcobject.h 3.12+: `#define PY_DEF_EVENT(EVENT)
// PyFunction_EVENT_##EVENT,`): a preproc_call whose argument starts with the
// macro's name.
func (s *scanner) definedInPlace(n *sitter.Node) {
	dir, arg := n.ChildByFieldName("directive"), n.ChildByFieldName("argument")
	if dir == nil || arg == nil || strings.TrimSpace(dir.Utf8Text(s.src)) != "#define" {
		return
	}
	text := arg.Utf8Text(s.src)
	end := strings.IndexFunc(text, func(r rune) bool {
		return !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	})
	if end < 0 {
		end = len(text)
	}
	if name := text[:end]; name != "" && !('0' <= name[0] && name[0] <= '9') {
		s.addName(name, Macro)
	}
}

// closesStruct reports whether a field holds, as an ERROR, the closing
// brace of its struct.
func closesStruct(field *sitter.Node) bool {
	for i := uint(0); i < field.ChildCount(); i++ {
		c := field.Child(i)
		if c.Kind() == "ERROR" && c.ChildCount() == 1 && c.Child(0).Kind() == "}" {
			return true
		}
	}
	return false
}

// exportMacros are CPython's markers of an exported declaration
// (pyport.h/exports.h): what follows them is at file scope.
var exportMacros = map[string]Kind{"PyAPI_FUNC": Function, "PyAPI_DATA": Data}

func (s *scanner) isExported(t *sitter.Node) bool {
	if t == nil || t.Kind() != "macro_type_specifier" {
		return false
	}
	name := t.ChildByFieldName("name")
	if name == nil {
		return false
	}
	_, ok := exportMacros[name.Utf8Text(s.src)]
	return ok
}

// declarator reads the name a declarator declares. A function declarator
// whose name is plain declares a function; through a parenthesised pointer
// ((*PyOS_InputHook)(void)) it declares a variable. A field_identifier is a
// name where error recovery read a file-scope declaration as a field.
func (s *scanner) declarator(d *sitter.Node, k Kind) {
	for d != nil {
		switch d.Kind() {
		case "identifier", "field_identifier":
			s.add(d, k)
			return
		case "function_declarator":
			inner := d.ChildByFieldName("declarator")
			if inner != nil && (inner.Kind() == "identifier" || inner.Kind() == "field_identifier") {
				s.add(inner, Function)
				return
			}
			d, k = inner, Data
		case "init_declarator", "pointer_declarator", "array_declarator", "parenthesized_declarator", "attributed_declarator":
			next := d.ChildByFieldName("declarator")
			if next == nil && d.NamedChildCount() > 0 {
				next = d.NamedChild(0) // parenthesized_declarator has no field
			}
			d = next
		default:
			return
		}
	}
}

// typedefName reads the name a typedef's declarator introduces: the
// type_identifier at its core (typedef PyObject *(*unaryfunc)(PyObject *)).
func (s *scanner) typedefName(d *sitter.Node) {
	for d != nil {
		switch d.Kind() {
		case "type_identifier", "primitive_type", "field_identifier", "identifier":
			s.add(d, Typedef)
			return
		case "function_declarator", "pointer_declarator", "array_declarator", "attributed_declarator", "parenthesized_declarator":
			next := d.ChildByFieldName("declarator")
			if next == nil && d.NamedChildCount() > 0 {
				next = d.NamedChild(0)
			}
			d = next
		default:
			return
		}
	}
}

// pointerToFunction reads `PyAPI_DATA(int) (*PyOS_InputHook)(void);`, which
// tree-sitter takes for calls: PyAPI_DATA(int), called with
// (*PyOS_InputHook), called with (void).
func (s *scanner) pointerToFunction(stmt *sitter.Node) {
	call := stmt.NamedChild(0)
	for call != nil && call.Kind() == "call_expression" {
		fn := call.ChildByFieldName("function")
		if fn == nil || fn.Kind() != "call_expression" {
			return
		}
		if inner := fn.ChildByFieldName("function"); inner != nil && inner.Kind() == "identifier" {
			if _, ok := exportMacros[inner.Utf8Text(s.src)]; !ok {
				return
			}
			args := call.ChildByFieldName("arguments")
			if args == nil || args.NamedChildCount() != 1 {
				return
			}
			if p := args.NamedChild(0); p.Kind() == "pointer_expression" {
				if id := p.ChildByFieldName("argument"); id != nil && id.Kind() == "identifier" {
					s.add(id, Data)
				}
			}
			return
		}
		call = fn
	}
}

// recovered reads an ERROR node: what tree-sitter could still recognise in
// it, such as a function declarator followed by an attribute macro
// (PyAPI_FUNC(int) PyOS_snprintf(...) Py_GCC_ATTRIBUTE((...));).
//
// When the ERROR holds the start of a struct (`typedef struct {`), its
// fields are children of the ERROR too, and the field that holds the
// closing brace also holds the names the declaration declares.
func (s *scanner) recovered(n *sitter.Node) {
	owner := Data
	typed := false // a type precedes: `static inline void _Py_DECREF(`
	for i := uint(0); i < n.ChildCount(); i++ {
		c := n.Child(i)
		switch c.Kind() {
		case "typedef":
			owner = Typedef
		case ";":
			owner, typed = Data, false
		case "primitive_type", "type_identifier", "sized_type_specifier":
			typed = true
		case "identifier":
			// A function whose parameter list holds an #if (3.10's
			// _Py_DECREF) leaves its head in an ERROR: type, name, "(".
			if next := n.Child(i + 1); typed && next != nil && next.Kind() == "(" {
				s.add(c, Function)
			}
			typed = false
		case "field_declaration":
			if !closesStruct(c) {
				s.walk(c)
				continue
			}
			for _, d := range c.ChildrenByFieldName("declarator", c.Walk()) {
				if owner == Typedef {
					s.typedefName(&d)
				} else {
					s.declarator(&d, owner)
				}
			}
			owner = Data
		case "function_declarator":
			s.declarator(c, Function)
		case "macro_type_specifier", "struct_specifier", "union_specifier", "enum_specifier":
			s.typeSpecifier(c, Data)
		default:
			s.walk(c)
		}
	}
}

// withoutComments returns src with each comment tree-sitter found replaced
// by a space, and without the blanks that end a
// line; ok is false when neither was there. Only names are read from the
// result, so nothing needs to keep its offset.
func withoutComments(src []byte, root *sitter.Node) ([]byte, bool) {
	var out []byte
	last := uint(0)
	var visit func(n *sitter.Node)
	visit = func(n *sitter.Node) {
		if n.Kind() == "comment" {
			out = append(out, src[last:n.StartByte()]...)
			out = append(out, ' ') // as the compiler does, after joining continued lines
			last = n.EndByte()
			return
		}
		for i := uint(0); i < n.ChildCount(); i++ {
			visit(n.Child(i))
		}
	}
	visit(root)
	out = append(out, src[last:]...)
	lines := bytes.Split(out, []byte{'\n'})
	for i, l := range lines {
		lines[i] = bytes.TrimRight(l, " \t\r\f\v")
	}
	out = bytes.Join(lines, []byte{'\n'})
	return out, !bytes.Equal(out, src)
}
