package setuppy

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

type valueKind int

const (
	vUnknown    valueKind = iota // only the running script knows
	vStr                         // a string
	vList                        // a list or tuple; items may hold vUnknown
	vExt                         // an Extension(...) call
	vForeignExt                  // another toolchain's extension class (Pybind11Extension...)
	vBool
	vNone
	vDict   // keyword arguments: dict(...) or {...}
	vOther  // a value the reader has no use for (a number...)
	vFunc   // a function, not called: a build-time generator in a source list
	vConfig // a numpy.distutils Configuration(...)
)

// value is what an expression evaluates to, as far as the syntax tree
// tells. Lists keep what they could resolve next to vUnknown items, so one
// glob does not hide the literal sources beside it.
type value struct {
	kind  valueKind
	str   buildcfg.StringValue
	items []value
	ext   *extResult
	b     bool
	kw    []kwarg
	// node is the expression the value comes from; for vUnknown it is the
	// construct that cannot be followed, which Unresolved points at.
	node *sitter.Node
	why  string // vUnknown: the reason, for Unresolved.What
}

// kwarg is one keyword argument of a call, possibly gathered from a
// dict(...) or {...} passed as **kwargs.
type kwarg struct {
	name  string
	arg   *sitter.Node // the keyword_argument or dictionary pair
	value *sitter.Node
	sc    *scope
}

func unknown(n *sitter.Node, why string) value {
	return value{kind: vUnknown, node: n, why: why}
}

// maxDepth bounds evaluation through names and helper functions, so
// pathological input cannot recurse without end.
const maxDepth = 200

// maxItems bounds a list value: `a = a + a` repeated doubles it each time.
const maxItems = 4096

// concat appends to a copy of items: values are memoised and shared.
func concat(items []value, more ...value) []value {
	out := make([]value, 0, len(items)+len(more))
	return append(append(out, items...), more...)
}

// listOf makes a list value, cut at maxItems.
func listOf(n *sitter.Node, items []value) value {
	if len(items) > maxItems {
		items = append(items[:maxItems:maxItems], unknown(n, "the list is too large to follow"))
	}
	return value{kind: vList, items: items, node: n}
}

// eval evaluates expression n in scope sc. An expression always belongs
// to the same scope and its names resolve by position, so the result is
// memoised per node: without that, `a = a + a` repeated would take
// exponential time.
func (r *reader) eval(n *sitter.Node, sc *scope) value {
	if n == nil {
		return value{kind: vNone}
	}
	key := memoKey{n.Id(), r.env}
	if v, ok := r.memo[key]; ok {
		if v.kind == vUnknown && v.why == inProgress {
			return unknown(n, "the value refers to itself")
		}
		return v
	}
	if r.depth >= maxDepth {
		return unknown(n, "the expression is nested too deeply to follow")
	}
	r.memo[key] = value{kind: vUnknown, why: inProgress}
	r.depth++
	v := r.eval1(n, sc)
	r.depth--
	r.memo[key] = v
	return v
}

// inProgress marks a memo entry being computed.
const inProgress = "\x00in progress"

func (r *reader) eval1(n *sitter.Node, sc *scope) value {
	switch n.Kind() {
	case "string", "concatenated_string":
		s, why := r.stringValueIn(n, sc)
		if why != "" {
			return unknown(n, why)
		}
		return value{kind: vStr, str: buildcfg.StringValue{Value: s, Span: r.span(n)}, node: n}
	case "parenthesized_expression":
		if inner := r.unwrap(n); inner != n {
			return r.eval(inner, sc)
		}
	case "list", "tuple", "expression_list":
		return listOf(n, r.evalItems(r.elems(n), sc))
	case "identifier":
		return r.evalName(n, sc)
	case "true", "false":
		return value{kind: vBool, b: n.Kind() == "true", node: n}
	case "none":
		return value{kind: vNone, node: n}
	case "integer", "float":
		return value{kind: vOther, node: n}
	case "binary_operator":
		return r.evalBinary(n, sc)
	case "call":
		return r.evalCall(n, sc)
	case "list_comprehension", "generator_expression", "set_comprehension":
		return r.evalComprehension(n, sc)
	case "dictionary_comprehension":
		return unknown(n, "a comprehension is evaluated at build time")
	case "attribute":
		return r.evalAttribute(n, sc)
	case "conditional_expression":
		return r.evalConditional(n, sc)
	case "dictionary":
		return r.evalDict(n, sc)
	}
	return unknown(n, "the value is computed at build time")
}

// evalItems evaluates list elements, splicing `*other` when other resolves.
func (r *reader) evalItems(elems []*sitter.Node, sc *scope) []value {
	var out []value
	for _, e := range elems {
		if e.Kind() != "list_splat" {
			out = append(out, r.eval(e, sc))
			continue
		}
		inner := r.elems(e)
		if len(inner) != 1 {
			out = append(out, unknown(e, "the value is computed at build time"))
			continue
		}
		v := r.eval(inner[0], sc)
		if v.kind == vList {
			out = append(out, v.items...)
		} else {
			out = append(out, v)
		}
	}
	return out
}

// evalName resolves a name to the binding that precedes its use, applying
// the appends and extends made after that binding.
func (r *reader) evalName(id *sitter.Node, sc *scope) value {
	if v, ok := r.boundValue(id); ok {
		return v
	}
	return r.evalNameAt(r.text(id), sc, id.StartByte(), id)
}

// evalNameAt resolves name as used at byte pos of scope sc; id is the use,
// or the module when another reader asks for a module-level name.
func (r *reader) evalNameAt(name string, sc *scope, pos uint, id *sitter.Node) value {
	b, ok := r.lookup(sc, name, pos)
	if !ok {
		if def, _ := r.findFunc(sc, name); def != nil {
			return value{kind: vFunc, node: id, str: r.stringAt(name+"()", id)}
		}
		if name == "__file__" {
			return value{kind: vStr, node: id, str: r.stringAt(r.fileFromBuildDir(), id)}
		}
		return unknown(id, name+" is not defined in "+fileLabel(r.path))
	}
	if b.param {
		return unknown(id, name+" is a parameter of "+r.funcName(b.owner)+"()")
	}
	if b.fn != nil {
		return value{kind: vFunc, node: id, str: r.stringAt(name+"()", id)}
	}
	if len(b.events) == 0 {
		return unknown(id, name+" is not defined in "+fileLabel(r.path))
	}
	first := b.events[0]
	var v value
	switch first.kind {
	case evOpaque:
		if v, ok := r.importedValue(id, first.stmt, name); ok {
			return v
		}
		return unknown(id, name+" "+first.why)
	case evAssign:
		if first.inLoop && !r.inIteration(first.stmt, first.sc, pos) {
			return unknown(first.stmt, name+" is assigned in a loop")
		}
		v = r.eval(first.value, first.sc)
		if first.cond {
			v = r.orBefore(name, first, v, id)
		}
	default:
		return unknown(id, name+" is not defined in "+fileLabel(r.path))
	}
	for _, m := range b.events[1:] {
		if v.kind == vUnknown {
			// `SRCS = glob(...)` then `SRCS.append('x.c')`: keep both.
			v = listOf(v.node, []value{v})
		}
		if v.kind != vList {
			return unknown(m.stmt, name+" is changed by "+r.snippet(m.stmt))
		}
		if m.value == nil {
			v = listOf(v.node, concat(v.items, unknown(m.stmt, name+" is changed by "+r.snippet(m.stmt))))
			continue
		}
		// A mutation inside for loops over known lists runs once per item.
		added, ok := r.evalInLoops(m.value, m.sc)
		if !ok {
			v = listOf(v.node, concat(v.items, unknown(m.stmt, name+" is built in a loop")))
			continue
		}
		// One fresh slice: values are memoised and share their items.
		items := append(make([]value, 0, len(v.items)+len(added)), v.items...)
		for _, mv := range added {
			if m.kind == evExtend && mv.kind == vList {
				items = append(items, mv.items...)
			} else {
				items = append(items, mv)
			}
		}
		v = listOf(v.node, items)
	}
	return v
}

// maxBranches bounds the assignments in branches one value is made of.
const maxBranches = 16

// orBefore is the value of name assigned v by a statement that may not
// run (in a branch of an if, an except clause...), as the code after it
// sees it: v, or the binding before the statement, when there is one
// (`if X: FLAGS = ['-DHPY_ABI_UNIVERSAL']` then `else: FLAGS = []`).
// As for a conditional expression (evalConditional), lists count
// together, since either may be built, and strings only when they agree.
func (r *reader) orBefore(name string, at event, v value, id *sitter.Node) value {
	if r.branches >= maxBranches {
		// A value made of a branch per line of a file is no build's: and
		// following each would make the reader quadratic.
		return unknown(at.stmt, name+" is assigned in more branches than hpylint follows")
	}
	r.branches++
	defer func() { r.branches-- }()
	pos := at.stmt.StartByte()
	b, ok := r.lookup(at.sc, name, pos)
	if !ok {
		return v // assigned only here: the build needs it to have run
	}
	if len(b.events) > 0 && sameBlock(b.events[0].stmt, at.stmt) {
		return v // bound before in the same block: replaced whenever this runs
	}
	before := r.evalNameAt(name, at.sc, pos, id)
	switch {
	case before.kind == vUnknown:
		return before // its own reason: a glob, too many branches...
	case v.kind == vUnknown:
		return v
	case v.kind == vStr && before.kind == vStr && v.str.Value == before.str.Value:
		return v
	case v.kind == vList && before.kind == vList:
		return listOf(v.node, concat(before.items, v.items...))
	}
	return unknown(at.stmt, name+" depends on a condition evaluated at build time")
}

// sameBlock reports whether two statements are in the same block.
func sameBlock(a, b *sitter.Node) bool {
	pa, pb := a.Parent(), b.Parent()
	return pa != nil && pb != nil && pa.Id() == pb.Id()
}

func (r *reader) funcName(s *scope) string {
	if s == nil || s.node == nil {
		return "a function"
	}
	if n := s.node.ChildByFieldName("name"); n != nil {
		return r.text(n)
	}
	return "a function"
}

func (r *reader) evalBinary(n *sitter.Node, sc *scope) value {
	op := n.ChildByFieldName("operator")
	l, rt := n.ChildByFieldName("left"), n.ChildByFieldName("right")
	if op == nil || l == nil || rt == nil {
		return unknown(n, "the value is computed at build time")
	}
	switch r.text(op) {
	case "+":
		lv, rv := r.eval(l, sc), r.eval(rt, sc)
		switch {
		case lv.kind == vStr && rv.kind == vStr:
			return value{kind: vStr, str: buildcfg.StringValue{Value: lv.str.Value + rv.str.Value, Span: r.span(n)}, node: n}
		case lv.kind == vList && rv.kind == vList:
			return listOf(n, concat(lv.items, rv.items...))
		case lv.kind == vList && rv.kind == vUnknown:
			return listOf(n, concat(lv.items, rv))
		case lv.kind == vUnknown && rv.kind == vList:
			return listOf(n, concat([]value{lv}, rv.items...))
		case lv.kind == vUnknown && rv.kind == vUnknown:
			// Keep both so each is reported; a string context flattens them.
			return listOf(n, []value{lv, rv})
		case lv.kind == vUnknown:
			return lv
		case rv.kind == vUnknown:
			return rv
		}
	case "%":
		if s, ok := percentFormat(r.eval(l, sc), r.eval(rt, sc)); ok {
			return value{kind: vStr, str: buildcfg.StringValue{Value: s, Span: r.span(n)}, node: n}
		}
		return unknown(n, "a %-format is evaluated at build time")
	}
	return unknown(n, "the value is computed at build time")
}

// evalConditional keeps a conditional only when both branches agree on a
// string, or are lists (then both lists count: either may be built).
func (r *reader) evalConditional(n *sitter.Node, sc *scope) value {
	e := r.elems(n)
	if len(e) != 3 {
		return unknown(n, "the value is computed at build time")
	}
	a, b := r.eval(e[0], sc), r.eval(e[2], sc)
	switch {
	case a.kind == vStr && b.kind == vStr && a.str.Value == b.str.Value:
		return a
	case a.kind == vList && b.kind == vList:
		return listOf(n, concat(a.items, b.items...))
	}
	return unknown(n, "the value depends on a condition evaluated at build time")
}

func (r *reader) evalDict(n *sitter.Node, sc *scope) value {
	v := value{kind: vDict, node: n}
	for _, c := range r.elems(n) {
		switch c.Kind() {
		case "pair":
			k, val := c.ChildByFieldName("key"), c.ChildByFieldName("value")
			if k == nil || val == nil {
				continue
			}
			if kv := r.eval(k, sc); kv.kind == vStr {
				v.kw = append(v.kw, kwarg{name: kv.str.Value, arg: c, value: val, sc: sc})
			}
		case "dictionary_splat":
			r.splatInto(&v, c, sc)
		}
	}
	return v
}

// splatInto adds the keywords of `**other` to v, or an unknown item when
// other does not resolve to keywords.
func (r *reader) splatInto(v *value, splat *sitter.Node, sc *scope) {
	inner := r.elems(splat)
	if len(inner) != 1 {
		return
	}
	d := r.eval(inner[0], sc)
	if d.kind == vDict {
		v.kw = append(v.kw, d.kw...)
		v.items = append(v.items, d.items...)
		return
	}
	if d.kind == vUnknown {
		v.items = append(v.items, d)
		return
	}
	v.items = append(v.items, unknown(splat, "the value is not a dict the reader can follow"))
}

func (r *reader) evalCall(n *sitter.Node, sc *scope) value {
	fn, args := n.ChildByFieldName("function"), n.ChildByFieldName("arguments")
	if fn == nil {
		return unknown(n, "the value is computed at build time")
	}
	if r.isExtensionCallee(fn) {
		return value{kind: vExt, ext: r.extension(n, sc), node: n}
	}
	last := lastName(r, fn)
	argv := r.elems(args)
	if v, ok := r.evalPathCall(n, fn, last, argv, sc); ok {
		return v
	}
	switch {
	case last == "Configuration":
		return value{kind: vConfig, node: n}
	case strings.HasSuffix(last, "Extension"):
		return value{kind: vForeignExt, node: n}
	case last == "glob" || last == "iglob" || fn.Kind() == "identifier" && r.names.glob[last]:
		return r.evalGlob(n, fn, argv, sc)
	case last == "listdir" || last == "scandir" || last == "walk":
		return unknown(n, "a directory listing is evaluated at build time")
	case last == "format" && fn.Kind() == "attribute":
		return unknown(n, "str.format is evaluated at build time")
	case fn.Kind() == "attribute":
		if last == "paths" && r.configurationOf(fn.ChildByFieldName("object"), sc) != nil {
			// Configuration.paths(...) resolves paths against local_path.
			return listOf(n, r.evalItems(argv, sc))
		}
		if v, ok := r.evalModuleCall(n, fn, sc); ok {
			return v
		}
	case fn.Kind() != "identifier":
	case (last == "list" || last == "tuple" || last == "sorted") && len(argv) == 1 && argv[0].Kind() != "keyword_argument":
		v := r.eval(argv[0], sc)
		if v.kind == vList || v.kind == vUnknown {
			return v
		}
	case last == "str" && len(argv) == 1:
		if v := r.eval(argv[0], sc); v.kind == vStr || v.kind == vUnknown {
			return v
		}
	case last == "dict":
		v := value{kind: vDict, node: n}
		for _, a := range argv {
			switch a.Kind() {
			case "keyword_argument":
				if k, val := a.ChildByFieldName("name"), a.ChildByFieldName("value"); k != nil && val != nil {
					v.kw = append(v.kw, kwarg{name: r.text(k), arg: a, value: val, sc: sc})
				}
			case "dictionary_splat":
				r.splatInto(&v, a, sc)
			default:
				v.items = append(v.items, unknown(a, "the argument is computed at build time"))
			}
		}
		return v
	default:
		if def, fs := r.findFunc(sc, last); def != nil && fs != nil {
			return r.evalFuncCall(n, def, fs, r.callArgs(n, sc))
		}
		if v, ok := r.evalImportedCall(n, fn, sc); ok {
			return v
		}
	}
	return unknown(n, r.snippet(fn)+"(...) is evaluated at build time")
}

// evalJoin joins os.path.join's literal parts with '/', the separator the
// rest of the engine uses.
func (r *reader) evalJoin(n *sitter.Node, args []*sitter.Node, sc *scope) value {
	var out string
	for i, a := range args {
		v := r.eval(a, sc)
		if v.kind != vStr {
			if v.kind == vUnknown {
				return v
			}
			return unknown(n, "the value is computed at build time")
		}
		if i == 0 {
			out = v.str.Value
		} else {
			out = joinPath(out, v.str.Value)
		}
	}
	return value{kind: vStr, str: buildcfg.StringValue{Value: out, Span: r.span(n)}, node: n}
}

// evalFuncCall evaluates a call of a helper function through its return
// statements, or its yields for a generator function. Arguments that
// evaluate to known values are bound to the parameters; the other
// parameters stay unresolved.
func (r *reader) evalFuncCall(call, def *sitter.Node, fs *scope, args []callArg) value {
	name := r.funcName(fs)
	if r.inFunc[def.Id()] {
		return unknown(call, name+"() calls itself")
	}
	r.inFunc[def.Id()] = true
	defer delete(r.inFunc, def.Id())
	var returns, yields []*sitter.Node
	r.walkBody(def.ChildByFieldName("body"), func(n *sitter.Node) {
		switch n.Kind() {
		case "return_statement":
			returns = append(returns, n)
		case "yield":
			yields = append(yields, n)
		}
	})
	var result value
	r.with(r.bindParams(def, fs, args), func() []value {
		switch {
		case len(yields) > 0:
			result = r.evalYields(call, yields, fs)
		case len(returns) == 0:
			result = unknown(call, name+"() returns nothing the reader can follow")
		default:
			result = r.evalReturns(call, name, returns, fs)
		}
		return nil
	})
	return result
}

func (r *reader) evalReturns(call *sitter.Node, name string, returns []*sitter.Node, fs *scope) value {
	var vals []value
	for _, ret := range returns {
		e := r.elems(ret)
		if len(e) == 0 {
			vals = append(vals, value{kind: vNone, node: ret})
			continue
		}
		vals = append(vals, r.eval(e[0], fs))
	}
	if len(vals) == 1 {
		return vals[0]
	}
	var all []value
	for _, v := range vals {
		if v.kind != vList {
			return unknown(call, name+"() has several return statements")
		}
		all = concat(all, v.items...)
	}
	return listOf(call, all)
}

// evalYields lists what a generator function yields, each yield once per
// iteration of the for loops around it.
func (r *reader) evalYields(call *sitter.Node, yields []*sitter.Node, fs *scope) value {
	var all []value
	for _, y := range yields {
		e := r.elems(y)
		if len(e) == 0 {
			continue
		}
		from := strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(r.text(y), "yield")), "from")
		vals, ok := r.evalInLoops(e[0], fs)
		if !ok {
			all = append(all, unknown(y, "the generator yields in a loop the reader cannot unroll"))
			continue
		}
		for _, v := range vals {
			if from && v.kind == vList {
				all = append(all, v.items...)
			} else {
				all = append(all, v)
			}
		}
	}
	return listOf(call, all)
}

// walkBody visits the nodes of a function body, not those of nested
// functions, classes or lambdas.
func (r *reader) walkBody(n *sitter.Node, visit func(*sitter.Node)) {
	if n == nil {
		return
	}
	visit(n)
	for _, c := range r.children(n) {
		switch c.Kind() {
		case "function_definition", "class_definition", "lambda", "decorated_definition":
			continue
		}
		r.walkBody(c, visit)
	}
}

// lastName is the name a callee ends with: setup for setuptools.setup.
func lastName(r *reader, fn *sitter.Node) string {
	switch fn.Kind() {
	case "identifier":
		return r.text(fn)
	case "attribute":
		if a := fn.ChildByFieldName("attribute"); a != nil {
			return r.text(a)
		}
	}
	return ""
}

func (r *reader) isExtensionCallee(fn *sitter.Node) bool {
	switch fn.Kind() {
	case "identifier":
		return r.names.ext[r.text(fn)]
	case "attribute":
		return lastName(r, fn) == "Extension"
	}
	return false
}

func (r *reader) isSetupCall(call *sitter.Node) bool {
	fn := call.ChildByFieldName("function")
	if fn == nil {
		return false
	}
	switch fn.Kind() {
	case "identifier":
		return r.names.setup[r.text(fn)]
	case "attribute":
		obj := fn.ChildByFieldName("object")
		return lastName(r, fn) == "setup" && obj != nil && r.names.setupMods[dotted(r.text(obj))]
	}
	return false
}

// unresolved describes value v, used as keyword=expr, that the reader
// cannot follow. When the construct is written inside expr the message
// quotes it alone (`sources=glob.glob('src/*.c')`); when a name led to it,
// both (`sources=SRCS: glob.glob('src/*.c')`).
func (r *reader) unresolved(keyword string, expr *sitter.Node, v value) buildcfg.Unresolved {
	n := v.node
	if n == nil {
		n = expr
	}
	what := keyword + "=" + r.snippet(n)
	if expr.StartByte() > n.StartByte() || n.EndByte() > expr.EndByte() {
		what = keyword + "=" + r.short(expr) + ": " + r.snippet(n)
	}
	return buildcfg.Unresolved{Span: r.span(n), What: what + " (" + v.why + ")"}
}

// addUnresolved records a construct once, whatever path reached it.
func (r *reader) addUnresolved(u buildcfg.Unresolved) {
	if r.unresSeen[u.Span] {
		return
	}
	r.unresSeen[u.Span] = true
	r.file.Unresolved = append(r.file.Unresolved, u)
}

// percentFormat applies a %-format made only of %s and %% to known strings.
func percentFormat(f, args value) (string, bool) {
	if f.kind != vStr {
		return "", false
	}
	var vals []value
	switch args.kind {
	case vStr:
		vals = []value{args}
	case vList:
		vals = args.items
	default:
		return "", false
	}
	var b strings.Builder
	s := f.str.Value
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 == len(s) {
			return "", false
		}
		i++
		switch s[i] {
		case '%':
			b.WriteByte('%')
		case 's':
			if len(vals) == 0 || vals[0].kind != vStr {
				return "", false
			}
			b.WriteString(vals[0].str.Value)
			vals = vals[1:]
		default:
			return "", false
		}
	}
	return b.String(), len(vals) == 0
}
