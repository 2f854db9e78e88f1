package cfacts

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Extract reads the facts of one C or C++ file. Syntax errors never stop it:
// whatever the grammar recovered is used.
func Extract(lang Lang, src []byte) (*Facts, error) {
	g, err := grammarFor(lang)
	if err != nil {
		return nil, err
	}
	p := g.parsers.Get().(*sitter.Parser)
	defer g.parsers.Put(p)

	facts := &Facts{Lang: lang}
	lines := newLineIndex(src)
	pre := scanFile(src)
	macroSpans := pre.macros
	facts.Macros = g.readMacros(p, src, lines, macroSpans, pre.separators)

	parsed := blank(src, macroSpans)
	qc := sitter.NewQueryCursor()
	defer qc.Close()
	contentEnd := codeEnd(src)
	for _, span := range segmentsOf(src, pre.itemStarts) {
		s := g.parseSegment(p, parsed, lines, span, nil, contentEnd)
		g.readSegment(facts, qc, s, src, pre.candidates, nil)
		facts.SyntaxErrors += s.errors
		facts.Truncated = facts.Truncated || s.cutOff
		if s.errors > 0 && facts.Gap == nil {
			facts.Gap = findGap(s.tree.RootNode(), src)
		}
		s.tree.Close()
	}
	confirmTruncation(facts, src, len(pre.leftOpen) > 0)
	finishFacts(facts, src)
	return facts, nil
}

// readMacros reads the macro invocations: plain ones from their bytes
// (readPlainMacro), the others from a parse (parseMacros). An invocation
// without its parenthesis is left out.
func (g *grammar) readMacros(p *sitter.Parser, src []byte, lines *lineIndex, spans []source.Span, separators []int) []MacroCall {
	out := make([]MacroCall, len(spans))
	var rest []int
	for i, span := range spans {
		if m, ok := readPlainMacro(src, span); ok {
			out[i] = m
		} else {
			rest = append(rest, i)
		}
	}
	if len(rest) > 0 {
		g.parseMacros(p, src, lines, spans, separators, rest, out)
	}
	var res []MacroCall
	for _, m := range out {
		if m.Name != "" {
			res = append(res, m)
		}
	}
	return res
}

// parseMacros parses the invocations spans[i] for i in which and reads
// each one's name and arguments from the tokens into out[i]: the tree's
// shape varies (a call, a declaration with a macro type, ERROR nodes
// around `.doc = "..."` arguments), its tokens do not. Arguments are split
// at top-level commas, as the preprocessor does.
//
// Invocations followed by a ';' somewhere before the next one are parsed
// together in one pass, each with that ';' included after it so the
// grammar sees separate statements. Back-to-back invocations, parsed
// together, would send tree-sitter into error recovery that can merge
// tokens across them, so those are parsed one by one.
func (g *grammar) parseMacros(p *sitter.Parser, src []byte, lines *lineIndex, spans []source.Span, separators []int, which []int, out []MacroCall) {
	var batched []int
	for _, i := range which {
		span := spans[i]
		switch sep := separatorOf(separators, i); {
		case sep == -2, sep >= 0:
			batched = append(batched, i)
		default:
			tree := g.parseRanges(p, src, lines, []source.Span{span})
			out[i] = g.readTokens(tree, src, []source.Span{span})[0]
			tree.Close()
		}
	}
	// Parse the batch in groups: error recovery (every `.doc = "..."`
	// argument is an error to the C grammar) gets costlier the more of the
	// file one parse holds.
	for len(batched) > 0 {
		n := min(len(batched), macroGroup)
		var ranges, only []source.Span
		for _, i := range batched[:n] {
			only = append(only, spans[i])
			ranges = append(ranges, spans[i])
			if sep := separatorOf(separators, i); sep >= 0 {
				ranges = append(ranges, source.Span{Start: sep, End: sep + 1})
			}
		}
		tree := g.parseRanges(p, src, lines, ranges)
		for k, m := range g.readTokens(tree, src, only) {
			out[batched[k]] = m
		}
		tree.Close()
		batched = batched[n:]
	}
}

// macroGroup is how many invocations one parse holds (measured: 32 is
// several times faster than one per parse or all in one).
var macroGroup = 32

func separatorOf(seps []int, i int) int {
	if i < len(seps) {
		return seps[i]
	}
	return -1
}

// readTokens assigns the tree's tokens to the macro spans they lie in and
// reads each macro; a macro without its parenthesis comes back empty.
func (g *grammar) readTokens(tree *sitter.Tree, src []byte, spans []source.Span) []MacroCall {
	readers := make([]macroReader, len(spans))
	for i, s := range spans {
		readers[i] = macroReader{src: src, call: MacroCall{Span: s}}
	}
	k := 0
	g.eachToken(tree, func(start, end int, kind uint16) {
		for k < len(spans) && start >= spans[k].End {
			k++
		}
		if k < len(spans) && start >= spans[k].Start {
			readers[k].token(g, start, end, kind)
		}
	})
	out := make([]MacroCall, len(spans))
	for i := range readers {
		if r := readers[i].finish(nil); len(r) == 1 {
			out[i] = r[0]
		}
	}
	return out
}

// macroReader accumulates one invocation's tokens.
type macroReader struct {
	src        []byte
	call       MacroCall
	whole      string // the invocation's text, once text needs it
	depth      int
	argStart   int
	argEnd     int
	closed     bool
	sawOpening bool
}

func (m *macroReader) token(g *grammar, start, end int, kind uint16) {
	m.tokenOf(start, end, g.kinds.of(kind))
}

// tokenOf reads one token of the given class.
func (m *macroReader) tokenOf(start, end int, class tokenClass) {
	switch {
	case m.closed:
		return
	case m.call.Name == "":
		m.call.Name, m.call.NameSpan = m.text(start, end), source.Span{Start: start, End: end}
		m.argStart = -1
		return
	}
	switch class {
	case openTok:
		m.depth++
		if m.depth == 1 {
			m.sawOpening = true
			return
		}
	case closeTok:
		m.depth--
		if m.depth == 0 {
			m.flush()
			m.closed = true
			return
		}
	case commaTok:
		if m.depth == 1 {
			m.flush()
			return
		}
	}
	if m.argStart < 0 {
		m.argStart = start
	}
	m.argEnd = end
}

// text is src[start:end], a part of one string holding the whole
// invocation: a string for its name and one for each argument were a tenth
// of a lint's allocations.
func (m *macroReader) text(start, end int) string {
	span := m.call.Span
	if start < span.Start || end > span.End {
		return string(m.src[start:end])
	}
	if m.whole == "" {
		m.whole = string(m.src[span.Start:span.End])
	}
	return m.whole[start-span.Start : end-span.Start]
}

func (m *macroReader) flush() {
	if m.argStart >= 0 {
		if m.call.Args.args == nil {
			m.call.Args.args = make([]Arg, 0, 4) // HPyDef_METH's four, in one allocation
		}
		m.call.Args.args = append(m.call.Args.args, Arg{Text: m.text(m.argStart, m.argEnd), Span: source.Span{Start: m.argStart, End: m.argEnd}})
	}
	m.argStart = -1
}

func (m *macroReader) finish(out []MacroCall) []MacroCall {
	if !m.sawOpening {
		return out
	}
	if !m.closed {
		m.flush()
	}
	return append(out, m.call)
}

// eachToken calls fn for every token of the tree in order: leaves, with
// string and character literals as one token, skipping comments and the
// zero-width tokens error recovery invents.
func (g *grammar) eachToken(tree *sitter.Tree, fn func(start, end int, kind uint16)) {
	c := tree.Walk()
	defer c.Close()
	for {
		n := c.Node()
		kind := n.KindId()
		atomic := g.kinds.of(kind) == literalTok
		if !atomic && g.kinds.of(kind) != commentTok && c.GotoFirstChild() {
			continue
		}
		if g.kinds.of(kind) != commentTok {
			if start, end := n.StartByte(), n.EndByte(); end > start {
				fn(int(start), int(end), kind)
			}
		}
		for !c.GotoNextSibling() {
			if !c.GotoParent() {
				return
			}
		}
	}
}

// collect appends the fact query's matches (within the cursor's byte
// range, if one is set) to facts, unsorted.
func (g *grammar) collect(facts *Facts, qc *sitter.QueryCursor, tree *sitter.Tree, src []byte) {
	matches := qc.Matches(g.query, tree.RootNode(), src)
	var slots [32]*sitter.Node // by capture index; the query has fewer
	for m := matches.Next(); m != nil; m = matches.Next() {
		clear(slots[:])
		for i := range m.Captures {
			if idx := m.Captures[i].Index; int(idx) < len(slots) {
				slots[idx] = &m.Captures[i].Node
			}
		}
		caps := captureSet{names: g.captureIndex, slots: &slots}
		switch {
		case caps.get("function") != nil:
			if fn, ok := g.readFunction(src, caps.get("function"), caps.get("function.declarator"), caps.get("function.body")); ok {
				facts.Functions = append(facts.Functions, fn)
			}
		case caps.get("variable") != nil:
			if v, ok := g.readVariable(src, caps.get("variable"), text(src, caps.get("variable.type")), caps.get("variable.declarator")); ok {
				facts.Variables = append(facts.Variables, v)
			}
		case caps.get("include") != nil:
			facts.Includes = append(facts.Includes, readInclude(src, caps.get("include"), caps.get("include.path")))
		case caps.get("define") != nil:
			name := caps.get("define.name")
			facts.Defines = append(facts.Defines, Define{Name: text(src, name), NameSpan: spanOf(name), Span: spanOf(caps.get("define"))})
		case caps.get("call") != nil:
			name, nameSpan, args := g.readCall(src, caps.get("call.name"), caps.get("call.args"))
			facts.Calls = append(facts.Calls, Call{Name: name, NameSpan: nameSpan, Span: spanOf(caps.get("call")), Args: args, Caller: -1})
		case caps.get("typedef.declarator") != nil:
			if name := g.declaredName(caps.get("typedef.declarator")); name != nil {
				facts.Typedefs = append(facts.Typedefs, Typedef{Name: text(src, name), Span: spanOf(name)})
			}
		case caps.get("conditional") != nil:
			facts.Conditionals = append(facts.Conditionals, readConditionals(src, caps.get("conditional"), caps.get("conditional.name"), caps.get("conditional.condition"))...)
		case caps.get("comment") != nil:
			text, span := textSpan(src, caps.get("comment"))
			facts.Comments = append(facts.Comments, source.Comment{Span: span, Text: text})
		default:
			g.collectCallGraphFacts(facts, caps, src)
		}
	}
}

// finishFacts puts every fact list in file order (matches come in pattern
// order within a node) and derives what depends on neighbours.
func finishFacts(facts *Facts, src []byte) { finishFactsLike(facts, src, nil) }

// finishFactsLike is finishFacts for the facts of an edit of the text
// prev are the facts of (nil: none), whose indexes it may share.
func finishFactsLike(facts *Facts, src []byte, prev *Facts) {
	sortByStart(facts.Functions, func(f Function) int { return f.Span.Start })
	sortByStart(facts.Variables, func(v Variable) int { return v.Span.Start })
	sortByStart(facts.Includes, func(i Include) int { return i.Span.Start })
	sortByStart(facts.Defines, func(d Define) int { return d.Span.Start })
	sortByStart(facts.Calls, func(c Call) int { return c.Span.Start })
	sortByStart(facts.Refs, func(r Ref) int { return r.Span.Start })
	sortByStart(facts.Typedefs, func(t Typedef) int { return t.Span.Start })
	sortByStart(facts.Conditionals, func(c Conditional) int { return c.Then.Start })
	sortByStart(facts.Comments, func(c source.Comment) int { return c.Span.Start })
	sortCallGraphFacts(facts)
	attachPrecedingComments(facts, src)
	attachCallers(facts)
	facts.indexMacrosLike(prev)
	facts.indexPyInits()
}

func sortByStart[T any](s []T, start func(T) int) {
	cmp := func(a, b T) int { return start(a) - start(b) }
	if !slices.IsSortedFunc(s, cmp) {
		slices.SortStableFunc(s, cmp)
	}
}

// captureSet looks up a match's captures by name without allocating.
type captureSet struct {
	names map[string]int
	slots *[32]*sitter.Node
}

func (c captureSet) get(name string) *sitter.Node {
	if i, ok := c.names[name]; ok {
		return c.slots[i]
	}
	return nil
}

// readRefs reads which CPython-looking identifiers the pre-pass found are
// references: those the syntax tree has as an identifier (a value, a
// callee, a macro use) or a type name, exactly at that span. Field names,
// text in macro spans and in #define bodies are not. Asking the tree at
// each candidate costs far less than a query predicate run on every
// identifier of the file. Only candidates inside within are read.
func (g *grammar) readRefs(facts *Facts, tree *sitter.Tree, src []byte, candidates []source.Span, within source.Span) {
	root := tree.RootNode()
	for _, c := range candidates {
		if c.Start < within.Start || c.Start > within.End {
			continue
		}
		n := root.NamedDescendantForByteRange(uint(c.Start), uint(c.End))
		if n == nil || int(n.StartByte()) != c.Start || int(n.EndByte()) != c.End {
			continue
		}
		kind := ValueRef
		switch g.kinds.refOf(n.KindId()) {
		case identifierRef:
			if g.decls.declaresName(src, n) {
				kind = DeclRef
			}
		case typeRef:
			kind = TypeRef
			if g.decls.misreadFunctionName(n) && g.decls.declaresName(src, n) {
				kind = DeclRef // see misreadReturnType
			} else if afterTagKeyword(src, c.Start) {
				kind = TagRef
				if g.decls.declaresTag(n) {
					kind = DeclRef
				}
			}
		default:
			continue
		}
		facts.Refs = append(facts.Refs, Ref{Name: string(src[c.Start:c.End]), Span: c, Kind: kind})
	}
}

// attachCallers records which function's body holds each call.
func attachCallers(facts *Facts) {
	// Both lists are in file order (finishFactsLike sorts them): one walk
	// down the functions finds each call's last function starting at or
	// before it, where a search for each cost a Document's key a fifth of
	// a millisecond in a 1 MB file.
	fns := facts.Functions
	j := -1
	for i := range facts.Calls {
		c := &facts.Calls[i]
		c.Caller = -1
		for j+1 < len(fns) && fns[j+1].Span.Start <= c.Span.Start {
			j++
		}
		if j >= 0 && fns[j].Body.Start <= c.Span.Start && c.Span.End <= fns[j].Body.End {
			c.Caller = j
		}
	}
}

// readCall reads a call's name and arguments. Their texts share one
// string, from the name to the end of the list: a string for each was a
// tenth of a lint's allocations.
func (g *grammar) readCall(src []byte, name, list *sitter.Node) (string, source.Span, ArgList) {
	nameSpan, at := spanOf(name), spanOf(list)
	if nameSpan.End > at.Start {
		text, span := textSpan(src, name)
		return text, span, g.readArgs(src, list)
	}
	whole := string(src[nameSpan.Start:at.End])
	return whole[:nameSpan.End-nameSpan.Start], nameSpan, g.readArgsIn(whole, nameSpan.Start, list, list.NamedChildCount())
}

// readArgs lists a call's arguments, their texts sharing one string.
func (g *grammar) readArgs(src []byte, list *sitter.Node) ArgList {
	n := list.NamedChildCount()
	if n == 0 {
		return ArgList{}
	}
	at := spanOf(list)
	return g.readArgsIn(string(src[at.Start:at.End]), at.Start, list, n)
}

// readArgsIn is readArgs with the list's text in whole, which starts at
// offset from, and its n named children.
func (g *grammar) readArgsIn(whole string, from int, list *sitter.Node, n uint) ArgList {
	if n == 0 {
		return ArgList{}
	}
	out := make([]Arg, 0, n)
	for i := range n {
		a := list.NamedChild(i)
		if g.names.kind(a) != "comment" {
			span := spanOf(a)
			out = append(out, Arg{Text: whole[span.Start-from : span.End-from], Span: span})
		}
	}
	if len(out) == 0 {
		out = nil // as a list without arguments
	}
	return ArgList{args: out}
}

func (g *grammar) readFunction(src []byte, def, declarator, body *sitter.Node) (Function, bool) {
	name := g.declaredName(declarator)
	if name == nil {
		return Function{}, false
	}
	nameText, nameSpan := textSpan(src, name)
	return Function{
		Name:     nameText,
		NameSpan: nameSpan,
		Span:     spanOf(def),
		Body:     spanOf(body),
		Static:   g.hasStorageClass(src, def, "static"),
	}, true
}

func (g *grammar) readVariable(src []byte, decl *sitter.Node, typ string, declarator *sitter.Node) (Variable, bool) {
	v := Variable{Type: typ, Span: spanOf(decl), Static: g.hasStorageClass(src, decl, "static"), Extern: g.hasStorageClass(src, decl, "extern")}
	var init *sitter.Node
	target := declarator
	if g.names.kind(declarator) == "init_declarator" {
		target = declarator.ChildByFieldId(g.decls.declarator)
		init = declarator.ChildByFieldId(g.decls.value)
	}
	for n := target; n != nil; n = n.ChildByFieldId(g.decls.declarator) {
		if g.names.kind(n) == "array_declarator" {
			v.Array = true
		}
	}
	name := g.declaredName(target)
	if name == nil {
		return v, false
	}
	v.Name, v.NameSpan = text(src, name), spanOf(name)
	if init != nil {
		v.Defined = true
		if init.Kind() == "initializer_list" {
			v.Fields, v.Elements = readInitializer(src, init)
		}
	}
	return v, true
}

// readInitializer splits a brace list into designated fields and plain items.
func readInitializer(src []byte, list *sitter.Node) ([]Field, []Arg) {
	var fields []Field
	var items []Arg
	for i := uint(0); i < list.NamedChildCount(); i++ {
		c := list.NamedChild(i)
		if c.Kind() == "comment" {
			continue
		}
		if c.Kind() != "initializer_pair" {
			items = append(items, Arg{Text: text(src, c), Span: spanOf(c)})
			continue
		}
		designator := c.ChildByFieldName("designator")
		value := c.ChildByFieldName("value")
		if designator == nil || value == nil {
			continue
		}
		f := Field{Name: strings.TrimPrefix(text(src, designator), "."), Span: spanOf(c), Value: text(src, value), ValueSpan: spanOf(value)}
		if inner := innerList(value); inner != nil {
			_, f.Elements = readInitializer(src, inner)
		}
		fields = append(fields, f)
	}
	return fields, items
}

// innerList finds the brace list of a value that is one, or a compound literal.
func innerList(value *sitter.Node) *sitter.Node {
	switch value.Kind() {
	case "initializer_list":
		return value
	case "compound_literal_expression":
		return value.ChildByFieldName("value")
	}
	return nil
}

func readInclude(src []byte, inc, path *sitter.Node) Include {
	raw := text(src, path)
	system := strings.HasPrefix(raw, "<")
	return Include{
		Path:     strings.Trim(raw, "<>\""),
		System:   system,
		Span:     trimNewline(src, spanOf(inc)),
		PathSpan: spanOf(path),
	}
}

// declaredName descends through pointer, array, parenthesised, function and
// reference declarators to the declared identifier.
func (g *grammar) declaredName(n *sitter.Node) *sitter.Node {
	for n != nil {
		switch g.names.kind(n) {
		case "qualified_identifier":
			if !misreadReturnType(n) {
				return n
			}
			n = n.ChildByFieldId(g.decls.name)
			continue
		case "identifier", "field_identifier", "type_identifier", "operator_name", "destructor_name":
			return n
		}
		next := n.ChildByFieldId(g.decls.declarator)
		if next == nil && n.NamedChildCount() > 0 {
			// parenthesized_declarator and reference_declarator have no field name.
			next = n.NamedChild(0)
		}
		n = next
	}
	return nil
}

// misreadReturnType reports a C++ misreading of `MACRO T *f(...)`, a
// definition behind a macro the grammar cannot expand (HPy's
// `HPyAPI_FUNC cpy_PyObject *HPy_AsPyObject(...)`): with the macro taken
// for the type, `T *f(...)` becomes a qualified name whose `::` is
// missing, the function's name a type name under it.
func misreadReturnType(q *sitter.Node) bool {
	for i := uint(0); i < q.ChildCount(); i++ {
		if c := q.Child(i); c.IsMissing() && c.Kind() == "::" {
			return true
		}
	}
	return false
}

func (g *grammar) hasStorageClass(src []byte, decl *sitter.Node, class string) bool {
	for i, n := uint(0), decl.NamedChildCount(); i < n; i++ {
		c := decl.NamedChild(i)
		if g.names.kind(c) == "storage_class_specifier" && string(src[c.StartByte():c.EndByte()]) == class {
			return true
		}
	}
	return false
}

// attachPrecedingComments records, for each function, the comment that ends
// on the line before it starts (or on the same line), so generated code can
// be recognised by its marker.
func attachPrecedingComments(facts *Facts, src []byte) {
	comments := facts.Comments
	for i := range facts.Functions {
		fn := &facts.Functions[i]
		fn.Preceding = ""
		// The last comment ending at or before the function's start.
		j := sort.Search(len(comments), func(k int) bool { return comments[k].Span.End > fn.Span.Start }) - 1
		if j >= 0 && onlyBlank(src[comments[j].Span.End:fn.Span.Start]) {
			fn.Preceding = comments[j].Text
		}
	}
}

func onlyBlank(b []byte) bool {
	newlines := 0
	for i, c := range b {
		switch {
		case ctoken.IsLineEnd(b, i):
			newlines++
		case c == ' ' || c == '\t' || c == '\r':
		default:
			return false
		}
	}
	return newlines <= 1
}

func text(src []byte, n *sitter.Node) string {
	if n == nil {
		return ""
	}
	return string(src[n.StartByte():n.EndByte()])
}

// textSpan is text and spanOf in one: each offset is a call into C.
func textSpan(src []byte, n *sitter.Node) (string, source.Span) {
	s := spanOf(n)
	return string(src[s.Start:s.End]), s
}

func spanOf(n *sitter.Node) source.Span {
	return source.Span{Start: int(n.StartByte()), End: int(n.EndByte())}
}

func trimNewline(src []byte, s source.Span) source.Span {
	for s.End > s.Start && (src[s.End-1] == '\n' || src[s.End-1] == '\r') {
		s.End--
	}
	return s
}

// countErrors counts ERROR and MISSING nodes, and tells whether the last one
// reaches the end of the file, as in a file cut off mid-construct.
func countErrors(root *sitter.Node, contentEnd int) (int, bool) {
	if !root.HasError() {
		return 0, false
	}
	count, lastEnd, lastSemicolon := 0, -1, false
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		if n.IsError() || n.IsMissing() {
			count++
			lastEnd = int(n.EndByte())
			// A file ending in a macro invocation without ';' (a trailing
			// DEFINE_X(y)) is complete: only a missing ';' there.
			lastSemicolon = n.IsMissing() && n.Kind() == ";"
			return
		}
		if !n.HasError() {
			return
		}
		for i := uint(0); i < n.ChildCount(); i++ {
			walk(n.Child(i))
		}
	}
	walk(root)
	return count, lastEnd >= contentEnd && !lastSemicolon
}

// readConditionals reads the macro tests of an #if, #ifdef or #ifndef,
// or of one #elif, #elifdef or #elifndef of a chain (each a region inside
// the #else of the one before): #ifdef X, #if defined(X), defined X and
// !defined(X); alternatives of those (defined(A) || defined(B)); a macro
// compared with a number; and each such test among the conjuncts of an
// #if A && B, which is not compiled without it, whatever the others say,
// while its #else is not known and is left empty. A number (#if 0) is a
// test of no macro, Macro "", that holds or not. Other conditions are
// not recorded.
func readConditionals(src []byte, node, name, cond *sitter.Node) []Conditional {
	end := int(node.EndByte())
	var elseSpan source.Span
	if alt := node.ChildByFieldName("alternative"); alt != nil {
		elseSpan = source.Span{Start: int(alt.StartByte()), End: end}
		end = int(alt.StartByte())
	}
	if name != nil {
		c := Conditional{Macro: text(src, name), Defined: true, Then: source.Span{Start: int(name.EndByte()), End: end}, Else: elseSpan}
		if first := node.Child(0); first != nil && (first.Kind() == "#ifndef" || first.Kind() == "#elifndef") {
			c.Defined = false
		}
		return []Conditional{c}
	}
	then := source.Span{Start: int(cond.EndByte()), End: end}
	if holds, ok := constantTest(src, cond); ok {
		return []Conditional{{Defined: holds, Then: then, Else: elseSpan}}
	}
	if macro, defined, ok := definedTest(src, cond); ok {
		return []Conditional{{Macro: macro, Defined: defined, Then: then, Else: elseSpan}}
	}
	if macro, holds, ok := comparisonTest(src, cond); ok {
		// Where the macro is undefined, the comparison reads it as 0 and
		// its value decides the #if; where it is defined, nothing is known.
		if holds {
			// The #else needs the macro defined: an empty #if region,
			// where the #if starts, stands for the unknown one.
			return []Conditional{{Macro: macro, Defined: false, Then: source.Span{Start: then.Start, End: then.Start}, Else: elseSpan}}
		}
		return []Conditional{{Macro: macro, Defined: true, Then: then}}
	}
	if c, ok := disjunction(src, cond); ok {
		c.Then, c.Else = then, elseSpan
		return []Conditional{c}
	}
	var out []Conditional
	for _, conj := range conjuncts(cond, nil) {
		if macro, defined, ok := definedTest(src, conj); ok {
			out = append(out, Conditional{Macro: macro, Defined: defined, Then: then})
		} else if macro, holds, ok := comparisonTest(src, conj); ok && !holds {
			out = append(out, Conditional{Macro: macro, Defined: true, Then: then})
		} else if holds, ok := constantTest(src, conj); ok && !holds {
			out = append(out, Conditional{Defined: false, Then: then})
		}
	}
	return out
}

// constantTest reads a condition that is a number (#if 0, #if (1), #if
// !0): whether it holds.
func constantTest(src []byte, n *sitter.Node) (holds, ok bool) {
	n, negated := unnegated(src, n)
	v, ok := numberValue(src, n)
	return ok && (v != 0) != negated, ok
}

// numberValue is the value of an integer literal, suffixes (U, L) and
// all; false for any other node.
func numberValue(src []byte, n *sitter.Node) (int64, bool) {
	if n == nil || n.Kind() != "number_literal" {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.TrimRight(text(src, n), "uUlL"), 0, 64)
	return v, err == nil
}

// unnegated looks through parentheses and one `!`, which it reports.
func unnegated(src []byte, n *sitter.Node) (*sitter.Node, bool) {
	n = unparenthesized(n)
	if n.Kind() == "unary_expression" && text(src, n.ChildByFieldName("operator")) == "!" {
		if arg := n.ChildByFieldName("argument"); arg != nil {
			return unparenthesized(arg), true
		}
	}
	return n, false
}

// comparisonTest reads a macro compared with a number (PY_VERSION_HEX >=
// 0x03090000, 3 <= PY_MAJOR_VERSION) and says whether the comparison
// holds where the macro is undefined, which the preprocessor reads as 0.
func comparisonTest(src []byte, n *sitter.Node) (macro string, holdsUndefined, ok bool) {
	n = unparenthesized(n)
	op := n.ChildByFieldName("operator")
	l, r := n.ChildByFieldName("left"), n.ChildByFieldName("right")
	if n.Kind() != "binary_expression" || op == nil || l == nil || r == nil {
		return "", false, false
	}
	l, r = unparenthesized(l), unparenthesized(r)
	swapped := false
	if l.Kind() == "number_literal" && r.Kind() == "identifier" {
		l, r, swapped = r, l, true
	}
	v, isNumber := numberValue(src, r)
	if l.Kind() != "identifier" || !isNumber {
		return "", false, false
	}
	a, b := int64(0), v // the macro, undefined, is 0
	if swapped {
		a, b = v, 0
	}
	switch op.Kind() {
	case "<":
		holdsUndefined = a < b
	case "<=":
		holdsUndefined = a <= b
	case ">":
		holdsUndefined = a > b
	case ">=":
		holdsUndefined = a >= b
	case "==":
		holdsUndefined = a == b
	case "!=":
		holdsUndefined = a != b
	default:
		return "", false, false
	}
	return text(src, l), holdsUndefined, true
}

// definedTest reads defined(X), defined X or !defined(X), in parentheses
// or not.
func definedTest(src []byte, n *sitter.Node) (macro string, defined, ok bool) {
	n, negated := unnegated(src, n)
	if n.Kind() != "preproc_defined" || n.NamedChildCount() != 1 {
		return "", false, false
	}
	return text(src, n.NamedChild(0)), !negated, true
}

// disjunction reads `defined(A) || defined(B) || ...` (or each
// !defined): HPy's own `#if defined(HPY_ABI_CPYTHON) ||
// defined(HPY_ABI_HYBRID)`, which a universal build does not compile.
func disjunction(src []byte, cond *sitter.Node) (Conditional, bool) {
	ops := operands(cond, "||", nil)
	if len(ops) < 2 {
		return Conditional{}, false
	}
	var c Conditional
	for i, op := range ops {
		macro, defined, ok := definedTest(src, op)
		if !ok || i > 0 && defined != c.Defined {
			return Conditional{}, false
		}
		if i == 0 {
			c.Macro, c.Defined = macro, defined
		} else {
			c.Or = append(c.Or, macro)
		}
	}
	return c, true
}

// conjuncts are the operands of an A && B && ... condition, parentheses
// looked through: the condition itself when it is no conjunction.
func conjuncts(n *sitter.Node, out []*sitter.Node) []*sitter.Node {
	return operands(n, "&&", out)
}

// operands are the operands of a chain of the binary operator op,
// parentheses looked through.
func operands(n *sitter.Node, op string, out []*sitter.Node) []*sitter.Node {
	n = unparenthesized(n)
	if n.Kind() == "binary_expression" && n.ChildByFieldName("operator") != nil && n.ChildByFieldName("operator").Kind() == op {
		if l, r := n.ChildByFieldName("left"), n.ChildByFieldName("right"); l != nil && r != nil {
			return operands(r, op, operands(l, op, out))
		}
	}
	return append(out, n)
}

func unparenthesized(n *sitter.Node) *sitter.Node {
	for n.Kind() == "parenthesized_expression" && n.NamedChildCount() == 1 {
		n = n.NamedChild(0)
	}
	return n
}

// collectCallGraphFacts reads the matches of the patterns that feed the
// call graph (the "HPY3xx" section of queries/*/facts.scm).
func (g *grammar) collectCallGraphFacts(facts *Facts, caps captureSet, src []byte) {
	switch {
	case caps.get("recovered") != nil:
		g.readRecoveredCall(facts, src, caps.get("recovered"), caps.get("call.name"), caps.get("call.args"))
	case caps.get("assign.target") != nil:
		target, value := caps.get("assign.target"), caps.get("assign.value")
		if g.names.kind(value) == "cast_expression" {
			value = value.ChildByFieldId(g.decls.value)
		}
		if name := g.declaredName(target); name != nil && value != nil {
			facts.Assigns = append(facts.Assigns, Assign{
				Target: text(src, name), TargetSpan: spanOf(name),
				Span:  source.Span{Start: int(target.StartByte()), End: int(value.EndByte())},
				Value: spanOf(value),
			})
		}
	case caps.get("slot") != nil:
		facts.ModuleSlots = append(facts.ModuleSlots, readModuleSlot(src, caps.get("slot"), caps.get("slot.kind")))
	case caps.get("statement_macro") != nil:
		n := caps.get("statement_macro")
		facts.StatementMacros = append(facts.StatementMacros, StatementMacro{Name: text(src, n), Span: spanOf(n)})
	case caps.get("method") != nil:
		name := caps.get("method.name")
		facts.MethodCalls = append(facts.MethodCalls, MethodCall{
			Receiver: text(src, caps.get("method.receiver")), Name: text(src, name), NameSpan: spanOf(name),
			Span: spanOf(caps.get("method")), Args: g.readArgs(src, caps.get("call.args")),
		})
	case caps.get("thread.type") != nil:
		typ, decl := caps.get("thread.type"), caps.get("thread.declarator")
		if q := typ.Parent(); q != nil {
			typ = q // the qualified name: std::thread
		}
		if name := g.declaredName(decl); name != nil {
			facts.ThreadObjects = append(facts.ThreadObjects, ThreadObject{Type: text(src, typ), Name: text(src, name), NameSpan: spanOf(name), Span: spanOf(decl)})
		}
	}
}

// readRecoveredCall reads a call the grammar took for a declaration or an
// error because a macro before it lacks its semicolon. In C++, `t.join()`
// there leaves its receiver in an error node inside the declaration.
func (g *grammar) readRecoveredCall(facts *Facts, src []byte, node, name, args *sitter.Node) {
	if g.names.kind(node) == "ERROR" {
		// Error recovery also makes identifiers of keywords (`return`):
		// only a name directly followed by its argument list is a call.
		// The text says so: asking the tree for the next sibling walks
		// the ERROR node's children from the start, quadratic on a file
		// that recovery turned into one long ERROR.
		next := skipBlank(src, int(name.EndByte()))
		if next >= len(src) || src[next] != '(' || isKeyword(text(src, name)) {
			return
		}
		facts.Calls = append(facts.Calls, Call{Name: text(src, name), NameSpan: spanOf(name), Span: spanOf(name), Caller: -1})
		return
	}
	call := source.Span{Start: int(name.StartByte()), End: int(args.EndByte())}
	for i := uint(0); i < node.NamedChildCount(); i++ {
		// The receiver comes before the name; an error node after the
		// call is other broken code, not a receiver.
		if e := node.NamedChild(i); e.IsError() && e.NamedChildCount() == 1 && e.EndByte() <= name.StartByte() {
			facts.MethodCalls = append(facts.MethodCalls, MethodCall{
				Receiver: text(src, e.NamedChild(0)), Name: text(src, name), NameSpan: spanOf(name),
				Span: source.Span{Start: int(e.StartByte()), End: call.End}, Args: g.readArgs(src, args),
			})
			return
		}
	}
	facts.Calls = append(facts.Calls, Call{Name: text(src, name), NameSpan: spanOf(name), Span: call, Args: g.readArgs(src, args), Caller: -1})
}

// isKeyword reports C keywords that can precede '(' (error recovery can
// make identifiers of them).
func isKeyword(s string) bool {
	switch s {
	case "if", "while", "for", "switch", "return", "sizeof", "do", "else", "case", "goto", "_Alignof", "alignof", "_Generic", "defined":
		return true
	}
	return false
}

// readModuleSlot reads {Py_mod_exec, fn} or {.slot = ..., .value = fn}.
func readModuleSlot(src []byte, list, kind *sitter.Node) ModuleSlot {
	s := ModuleSlot{Slot: text(src, kind), Span: spanOf(list)}
	var value *sitter.Node
	if p := kind.Parent(); p != nil && p.Kind() == "initializer_pair" {
		for i := uint(0); i < list.NamedChildCount(); i++ {
			pair := list.NamedChild(i)
			if pair.Kind() == "initializer_pair" && strings.TrimPrefix(text(src, pair.ChildByFieldName("designator")), ".") == "value" {
				value = pair.ChildByFieldName("value")
			}
		}
	} else {
		for n := kind.NextNamedSibling(); n != nil; n = n.NextNamedSibling() {
			if n.Kind() != "comment" {
				value = n
				break
			}
		}
	}
	// (void *)fn, (PyObject *(*)(PyObject *, PyModuleDef *))&fn, (fn)
	for value != nil {
		switch value.Kind() {
		case "cast_expression":
			value = value.ChildByFieldName("value")
			continue
		case "pointer_expression":
			value = value.ChildByFieldName("argument")
			continue
		case "parenthesized_expression":
			value = value.NamedChild(0)
			continue
		case "call_expression": // reinterpret_cast<void *>(fn)
			if f := value.ChildByFieldName("function"); f != nil && f.Kind() == "template_function" && strings.HasSuffix(text(src, f.ChildByFieldName("name")), "_cast") {
				value = value.ChildByFieldName("arguments").NamedChild(0)
				continue
			}
		case "identifier", "qualified_identifier":
			s.Func, s.FuncSpan = text(src, value), spanOf(value)
		}
		break
	}
	return s
}

// sortCallGraphFacts puts the call-graph facts in file order, as
// finishFacts does for the others.
func sortCallGraphFacts(facts *Facts) {
	sortByStart(facts.Assigns, func(a Assign) int { return a.Span.Start })
	sortByStart(facts.ModuleSlots, func(s ModuleSlot) int { return s.Span.Start })
	sortByStart(facts.StatementMacros, func(m StatementMacro) int { return m.Span.Start })
	sortByStart(facts.MethodCalls, func(c MethodCall) int { return c.Span.Start })
	sortByStart(facts.ThreadObjects, func(t ThreadObject) int { return t.Span.Start })
}
