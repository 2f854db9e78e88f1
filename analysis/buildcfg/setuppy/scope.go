package setuppy

import (
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// scope is the module or one function body: what each name is bound to,
// in source order, so a use can be resolved to the binding that precedes it.
type scope struct {
	node   *sitter.Node // module or function_definition
	parent *scope
	events map[string][]event
	funcs  map[string]*sitter.Node // functions defined directly in this scope
	params map[string]bool
	calls  []*sitter.Node // calls made by this scope's own code
}

func newScope(n *sitter.Node, parent *scope) *scope {
	return &scope{node: n, parent: parent, events: map[string][]event{}, funcs: map[string]*sitter.Node{}, params: map[string]bool{}}
}

type eventKind int

const (
	evAssign eventKind = iota // name = value
	evOpaque                  // bound by something not followed (import, for target, class...)
	evAppend                  // name.append(value) / name.insert(i, value)
	evExtend                  // name.extend(value) / name += value
)

type event struct {
	kind  eventKind
	value *sitter.Node // the assigned, appended or extended expression
	stmt  *sitter.Node // the statement, for spans
	// end is where the binding starts to hold: a use inside its own
	// statement (`a = a + [x]`) still sees the previous binding.
	end    uint
	sc     *scope // where value is evaluated
	inLoop bool   // runs an unknown number of times
	cond   bool   // may not run (if/else, except...)
	why    string // evOpaque: how the name is bound
}

func (s *scope) add(name string, e event) {
	e.sc = s
	s.events[name] = append(s.events[name], e)
}

// collectBlock records the bindings made by the statements of a block.
// Nested function bodies get their own scope; class bodies are not followed.
func (r *reader) collectBlock(n *sitter.Node, sc *scope, inLoop, cond bool) {
	for _, st := range r.elems(n) {
		r.collectStmt(st, sc, inLoop, cond)
	}
}

func (r *reader) collectStmt(st *sitter.Node, sc *scope, inLoop, cond bool) {
	kind := st.Kind()
	switch kind {
	case "expression_statement":
		for _, e := range r.elems(st) {
			r.collectExpr(e, st, sc, inLoop, cond)
		}
	case "block", "ERROR", "module":
		r.collectBlock(st, sc, inLoop, cond)
	case "decorated_definition":
		if d := st.ChildByFieldName("definition"); d != nil {
			r.collectStmt(d, sc, inLoop, cond)
		}
	case "function_definition":
		name := st.ChildByFieldName("name")
		if name == nil {
			return
		}
		sc.funcs[r.text(name)] = st
		fs := newScope(st, sc)
		r.scopes[st.Id()] = fs
		r.collectParams(st.ChildByFieldName("parameters"), fs)
		if body := st.ChildByFieldName("body"); body != nil {
			r.collectBlock(body, fs, false, false)
		}
	case "class_definition":
		if name := st.ChildByFieldName("name"); name != nil {
			sc.add(r.text(name), event{kind: evOpaque, stmt: st, end: st.EndByte(), inLoop: inLoop, cond: cond, why: "is a class"})
		}
	case "import_statement", "import_from_statement":
		for _, c := range r.fieldChildren(st, "name") {
			local := c
			if c.Kind() == "aliased_import" {
				local = c.ChildByFieldName("alias")
			} else if id := firstIdentifier(r, c); id != nil {
				local = id // `import os.path` binds os
			}
			if local != nil {
				sc.add(r.text(local), event{kind: evOpaque, stmt: st, end: st.EndByte(), inLoop: inLoop, cond: cond, why: "is imported from another module"})
			}
		}
	case "for_statement", "while_statement", "if_statement", "try_statement", "with_statement",
		"elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause",
		"match_statement", "case_clause":
		loop := inLoop || kind == "for_statement" || kind == "while_statement"
		// The body of a try or with always runs; every other block may not.
		bodyCond := cond || (kind != "try_statement" && kind != "with_statement")
		if kind == "for_statement" {
			if left := st.ChildByFieldName("left"); left != nil {
				r.opaqueTargets(left, st, sc, left.EndByte(), true, true, "is a for loop variable")
			}
		}
		for _, c := range r.children(st) {
			switch c.Kind() {
			case "block":
				r.collectBlock(c, sc, loop, bodyCond)
			case "elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause", "case_clause":
				r.collectStmt(c, sc, inLoop, true)
			case "with_clause":
				r.withTargets(c, st, sc, inLoop, cond)
			}
		}
	}
}

// collectParams records a function's parameter names: a use of one cannot
// be resolved without knowing every call.
func (r *reader) collectParams(params *sitter.Node, fs *scope) {
	for _, p := range r.elems(params) {
		switch p.Kind() {
		case "identifier":
			fs.params[r.text(p)] = true
		case "default_parameter", "typed_default_parameter":
			if n := p.ChildByFieldName("name"); n != nil {
				fs.params[r.text(n)] = true
			}
		case "typed_parameter", "list_splat_pattern", "dictionary_splat_pattern":
			if id := firstIdentifier(r, p); id != nil {
				fs.params[r.text(id)] = true
			}
		}
	}
}

func (r *reader) withTargets(clause, st *sitter.Node, sc *scope, inLoop, cond bool) {
	for _, item := range r.elems(clause) {
		v := item.ChildByFieldName("value")
		if v == nil || v.Kind() != "as_pattern" {
			continue
		}
		if alias := v.ChildByFieldName("alias"); alias != nil {
			r.opaqueTargets(alias, st, sc, st.EndByte(), inLoop, cond, "is bound by a with statement")
		}
	}
}

// collectExpr records what one expression statement binds or mutates.
func (r *reader) collectExpr(e, st *sitter.Node, sc *scope, inLoop, cond bool) {
	switch e.Kind() {
	case "assignment":
		// `a = b = value` nests assignments on the right.
		var targets []*sitter.Node
		value := e
		for value != nil && value.Kind() == "assignment" {
			if l := value.ChildByFieldName("left"); l != nil {
				targets = append(targets, l)
			}
			value = value.ChildByFieldName("right")
		}
		if value == nil {
			return // annotation only: `x: int`
		}
		for _, t := range targets {
			r.assignTarget(t, value, st, sc, inLoop, cond)
		}
	case "augmented_assignment":
		left, right, op := e.ChildByFieldName("left"), e.ChildByFieldName("right"), e.ChildByFieldName("operator")
		if left == nil || left.Kind() != "identifier" {
			return
		}
		if op != nil && r.text(op) == "+=" && right != nil {
			sc.add(r.text(left), event{kind: evExtend, value: right, stmt: st, end: st.EndByte(), inLoop: inLoop, cond: cond})
		} else {
			sc.add(r.text(left), event{kind: evOpaque, stmt: st, end: st.EndByte(), inLoop: inLoop, cond: cond, why: "is changed by " + r.snippet(e)})
		}
	case "call":
		fn := e.ChildByFieldName("function")
		if fn == nil || fn.Kind() != "attribute" {
			return
		}
		obj, attr := fn.ChildByFieldName("object"), fn.ChildByFieldName("attribute")
		if obj == nil || attr == nil || obj.Kind() != "identifier" {
			return
		}
		args := r.elems(e.ChildByFieldName("arguments"))
		ev := event{stmt: st, end: st.EndByte(), inLoop: inLoop, cond: cond}
		switch r.text(attr) {
		case "append":
			ev.kind = evAppend
			if len(args) == 1 {
				ev.value = args[0]
			}
		case "insert":
			ev.kind = evAppend
			if len(args) == 2 {
				ev.value = args[1]
			}
		case "extend":
			ev.kind = evExtend
			if len(args) == 1 {
				ev.value = args[0]
			}
		default:
			return
		}
		sc.add(r.text(obj), ev)
	}
}

func (r *reader) assignTarget(t, value, st *sitter.Node, sc *scope, inLoop, cond bool) {
	switch t.Kind() {
	case "identifier":
		sc.add(r.text(t), event{kind: evAssign, value: value, stmt: st, end: st.EndByte(), inLoop: inLoop, cond: cond})
	case "pattern_list", "tuple_pattern", "list_pattern":
		// `a, b = x, y` pairs up when both sides are spelled out.
		ts := r.elems(t)
		vs := r.elems(r.unwrap(value))
		k := r.unwrap(value).Kind()
		if (k == "expression_list" || k == "tuple" || k == "list") && len(ts) == len(vs) {
			for i := range ts {
				r.assignTarget(ts[i], vs[i], st, sc, inLoop, cond)
			}
			return
		}
		r.opaqueTargets(t, st, sc, st.EndByte(), inLoop, cond, "is unpacked from "+r.snippet(value))
	}
}

// opaqueTargets marks every name in a target pattern as bound by something
// the reader does not follow.
func (r *reader) opaqueTargets(t, st *sitter.Node, sc *scope, end uint, inLoop, cond bool, why string) {
	if t.Kind() == "identifier" {
		sc.add(r.text(t), event{kind: evOpaque, stmt: st, end: end, inLoop: inLoop, cond: cond, why: why})
		return
	}
	switch t.Kind() {
	case "pattern_list", "tuple_pattern", "list_pattern", "list_splat_pattern", "as_pattern_target", "parenthesized_expression", "tuple", "list", "expression_list":
		for _, c := range r.elems(t) {
			r.opaqueTargets(c, st, sc, end, inLoop, cond, why)
		}
	}
}

func firstIdentifier(r *reader, n *sitter.Node) *sitter.Node {
	if n.Kind() == "identifier" {
		return n
	}
	for _, c := range r.elems(n) {
		if c.Kind() == "identifier" {
			return c
		}
	}
	return nil
}

// binding is what a name means at one point of a scope: the events of the
// scope that owns it, up to that point.
type binding struct {
	owner  *scope
	events []event      // the last assignment or opaque binding, then mutations
	param  bool         // a parameter of owner's function
	fn     *sitter.Node // a function defined in owner, when that binds the name
}

// lookup finds what name means at byte pos of scope sc. Enclosing scopes
// are searched as they stand at the end of the module, which is when a
// function called from the module's last lines sees them.
func (r *reader) lookup(sc *scope, name string, pos uint) (binding, bool) {
	for s := sc; s != nil; s = s.parent {
		var evs []event
		for _, e := range s.events[name] {
			if e.end <= pos {
				evs = append(evs, e)
			}
		}
		base := -1
		for i := len(evs) - 1; i >= 0; i-- {
			if evs[i].kind == evAssign || evs[i].kind == evOpaque {
				base = i
				break
			}
		}
		if base >= 0 {
			return binding{owner: s, events: evs[base:]}, true
		}
		if s.params[name] {
			return binding{owner: s, events: evs, param: true}, true
		}
		if fn, ok := s.funcs[name]; ok && len(evs) == 0 {
			// A def binds the name in its scope: outer bindings are hidden.
			return binding{owner: s, fn: fn}, true
		}
		if len(evs) > 0 {
			// Mutations of a list bound in an enclosing scope: the base
			// comes from there, the mutations from here.
			outer, ok := r.lookup(s.parent, name, ^uint(0))
			if !ok {
				return binding{owner: s, events: evs}, true
			}
			outer.events = append(append([]event(nil), outer.events...), evs...)
			return outer, true
		}
		pos = ^uint(0)
	}
	return binding{}, false
}

// findFunc returns the function definition a name calls, if it is defined
// in sc or an enclosing scope.
func (r *reader) findFunc(sc *scope, name string) (*sitter.Node, *scope) {
	for s := sc; s != nil; s = s.parent {
		if fn, ok := s.funcs[name]; ok {
			return fn, r.scopes[fn.Id()]
		}
	}
	return nil, nil
}

// reachable returns the scopes whose code runs: the module, and the
// functions it calls, directly or through other such functions. A setup()
// inside `def main()` counts only when main() is called.
func (r *reader) reachable() map[*scope]bool {
	for _, c := range r.calls {
		if c.sc != nil {
			c.sc.calls = append(c.sc.calls, c.n)
		}
	}
	seen := map[*scope]bool{r.module: true}
	queue := []*scope{r.module}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, c := range s.calls {
			fn := c.ChildByFieldName("function")
			if fn == nil || fn.Kind() != "identifier" {
				continue
			}
			if _, fs := r.findFunc(s, r.text(fn)); fs != nil && !seen[fs] {
				seen[fs] = true
				queue = append(queue, fs)
			}
		}
	}
	return seen
}
