// Package cfacts reads the facts rules need from C and C++ sources and
// headers: HPy macro invocations, HPy definitions, functions, includes,
// defines and comments. Facts are plain data with byte spans; the syntax
// trees are closed before Extract returns.
package cfacts

import (
	"sort"
	"strings"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Lang is the grammar a file is parsed with.
type Lang int

const (
	C Lang = iota
	CPP
)

// LangOf picks the grammar from a file name.
func LangOf(path string) (Lang, bool) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return C, false
	}
	switch strings.ToLower(path[i+1:]) {
	case "c", "h":
		return C, true
	case "cpp", "cc", "cxx", "c++", "hpp", "hh", "hxx", "h++", "ipp":
		return CPP, true
	}
	return C, false
}

// Arg is one macro argument: its text (trimmed) and span.
type Arg struct {
	Text string
	Span source.Span
}

// MacroCall is an invocation of one of HPy's file-scope macros.
type MacroCall struct {
	Name     string // HPy_MODINIT, HPyDef_METH, HPY_MOD_EMBEDDABLE, ...
	NameSpan source.Span
	Span     source.Span // the whole invocation
	Args     ArgList
}

// IsHPyDef reports whether m is an HPyDef_* definition (its first
// argument is the symbol it defines).
func (m *MacroCall) IsHPyDef() bool { return strings.HasPrefix(m.Name, "HPyDef_") }

// Arg returns argument i, or the zero Arg when there are fewer.
func (m MacroCall) Arg(i int) Arg {
	if i < m.Args.Len() {
		return m.Args.At(i)
	}
	return Arg{}
}

// Field is one designated field of an initializer (.size = 0).
type Field struct {
	Name      string
	Span      source.Span // ".size = 0"
	Value     string
	ValueSpan source.Span
	// Elements holds the items when the value is itself a brace list or a
	// compound literal, e.g. .defines = (HPyDef *[]){ &a, NULL }.
	Elements []Arg
}

// Variable is a file-scope variable of one of HPy's definition types
// (HPyModuleDef, HPyDef, HPyType_Spec), an array of HPyDef pointers, or one
// of the CPython tables a legacy_methods/legacy_slots field names
// (PyMethodDef, PyType_Slot, PyMemberDef, PyGetSetDef).
type Variable struct {
	Type     string // "HPyModuleDef", "HPyDef", "HPyType_Spec"
	Name     string
	NameSpan source.Span
	Span     source.Span // the whole declaration
	Static   bool
	Extern   bool
	// Defined is set when the declaration has an initializer.
	Defined bool
	Array   bool // HPyDef *defines[] = {...}
	Fields  []Field
	// Elements are the items of an array initializer (&sym, NULL).
	Elements []Arg
}

// Field returns the designated field with that name.
func (v *Variable) Field(name string) (Field, bool) {
	for _, f := range v.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Function is a function definition.
type Function struct {
	Name     string
	NameSpan source.Span
	Span     source.Span
	Body     source.Span
	Static   bool
	// Preceding is the comment directly before the definition, if any
	// (generated code is recognised by its marker there).
	Preceding string
}

// Include is an #include directive.
type Include struct {
	Path     string // without quotes or angle brackets
	System   bool   // <...>
	Span     source.Span
	PathSpan source.Span
}

// Define is a #define of a name.
type Define struct {
	Name     string
	NameSpan source.Span
	Span     source.Span
}

// Call is a call of a function by name.
type Call struct {
	Name     string
	NameSpan source.Span
	Span     source.Span
	Args     ArgList
	// Caller is the index in Facts.Functions of the function whose body
	// holds the call, or -1 at file scope.
	Caller int
}

// RefKind tells how a name is used.
type RefKind int

const (
	ValueRef RefKind = iota // a variable, constant, callee or macro
	TypeRef                 // a type name
	// DeclRef is a name declared at this place: the declarator of a
	// file-scope declaration or definition (a prototype, an extern, a
	// variable of any type), a struct, union or enum tag defined or
	// forward-declared, an enumerator. The project defines that name.
	DeclRef
	// TagRef is a struct, union or enum tag named without its body
	// (`struct PyMethodDef *`): an incomplete type, which needs no
	// CPython header and no CPython symbol unless a header completes it.
	TagRef
)

// Ref is a use of a name that looks like the CPython C API.
type Ref struct {
	Name string
	Span source.Span
	Kind RefKind
}

// Typedef is a type name the file defines.
type Typedef struct {
	Name string
	Span source.Span
}

// Conditional is an #if/#ifdef/#ifndef whose condition is whether one
// macro is defined: Then holds when Defined == (the macro is defined).
type Conditional struct {
	Macro   string
	Defined bool
	// Macro is "" for a number (#if 0): Defined says whether it holds.
	// Or are the other macros of `#if defined(A) || defined(B)`, tested
	// as Macro is: the #if holds when any of them does. nil for one.
	Or   []string
	Then source.Span
	Else source.Span // empty when there is no #else/#elif
}

// Assign is a local traced to the call that made it: `x = f(...)` or
// `T *x = f(...)`, casts looked through. Import sites use it to follow a
// callable or a module name back to the string it was made from.
type Assign struct {
	Target     string
	TargetSpan source.Span
	Span       source.Span // the assignment, or the declarator with its value
	Value      source.Span // the call; Facts.CallAt finds it
}

// ModuleSlot is a Py_mod_create or Py_mod_exec entry of a PyModuleDef_Slot
// array: {Py_mod_exec, exec_fn}, or {.slot = Py_mod_exec, .value = exec_fn}.
type ModuleSlot struct {
	Slot string      // "Py_mod_create" or "Py_mod_exec"
	Span source.Span // the entry
	// Func is the function named by the value, with casts and & removed;
	// "" when the value is not a name.
	Func     string
	FuncSpan source.Span
}

// StatementMacro is a macro the grammar does not see as a call: a name
// alone as a statement (PyDateTime_IMPORT;), or a macro written without its
// semicolon (Py_BEGIN_ALLOW_THREADS, HPy_BEGIN_LEAVE_PYTHON(ctx)).
type StatementMacro struct {
	Name string
	Span source.Span
}

// MethodCall is a call through a member (C++): t.join(), p->wait().
type MethodCall struct {
	Receiver string // as written: "t", "self->pool"
	Name     string
	NameSpan source.Span
	Span     source.Span
	Args     ArgList
}

// ThreadObject is a thread object declared with arguments, so started
// (C++): std::thread t(worker); std::jthread j{worker}.
type ThreadObject struct {
	Type     string // as written: "std::thread"
	Name     string
	NameSpan source.Span
	Span     source.Span
}

// Facts is everything read from one file.
type Facts struct {
	Lang      Lang
	Macros    []MacroCall
	Variables []Variable
	Functions []Function
	Includes  []Include
	Defines   []Define
	Comments  []source.Comment
	Calls     []Call
	Refs      []Ref
	Typedefs  []Typedef
	// Conditionals are the #if regions keyed on one macro being defined.
	Conditionals []Conditional
	// Assigns, ModuleSlots, StatementMacros, MethodCalls and ThreadObjects
	// feed the call graph's roots, import and wait sites (rules HPY3xx).
	Assigns         []Assign
	ModuleSlots     []ModuleSlot
	StatementMacros []StatementMacro
	MethodCalls     []MethodCall   // C++ only
	ThreadObjects   []ThreadObject // C++ only
	// SyntaxErrors counts ERROR and MISSING nodes left after HPy's macros
	// were set aside: unknown macros or broken code. Never reported as
	// such; rules that conclude from an absence are careful with them.
	// After incremental edits (Document) the count may differ from a fresh
	// parse, since error recovery depends on history; zero or not agrees.
	SyntaxErrors int
	// Truncated is set when the file ends inside an unfinished construct:
	// a comment, a literal, an #if, or a block open on every preprocessor
	// branch (see unfinished.go); Unfinished says which, citing the line of
	// UnfinishedAt (UnfinishedText writes it).
	Truncated    bool
	Unfinished   string
	UnfinishedAt int
	// Gap is the first place error recovery skipped a brace block, so
	// facts may be missing there (gap.go); nil when there is none.
	Gap *ParseGap
	// hpyDefs indexes Macros by HPyDef symbol (HPyDef), byName by macro
	// name (MacroCalls): rules look up every entry of every module's
	// defines and every file's HPy_MODINIT, on every keystroke in the
	// editor, and the facts of the files not being edited are the same
	// each time.
	hpyDefs map[string]int
	byName  map[string][]int
	// modinits are the indexes in Macros of the HPy_MODINIT calls, and
	// modinitCalls those calls (Modinits), which rules ask for of every
	// file on every key: copying them out on each ask cost a tenth of a
	// key in a workspace of 2,000 files.
	modinits     []int
	modinitCalls []MacroCall
	// pyInits indexes the PyInit_ functions (PyInits); nil when not
	// indexed.
	pyInits []int
	// traits are the answers Trait remembers: two bits per trait.
	traits atomic.Uint32
	// derived are the values Derived remembers.
	derived derived
	// spliced says how a Document made these facts from the ones before
	// (moved_region.go); nil for others.
	spliced *spliced
}

// HPyDef is the first HPyDef_* invocation defining sym, or nil.
func (f *Facts) HPyDef(sym string) *MacroCall {
	if i, ok := f.hpyDefs[sym]; ok {
		return &f.Macros[i]
	}
	if f.hpyDefs == nil && f.Macros != nil {
		// Facts not made by Extract or a Document (tests): look it up.
		for i := range f.Macros {
			if m := &f.Macros[i]; m.IsHPyDef() && m.Arg(0).Text == sym {
				return m
			}
		}
	}
	return nil
}

// indexMacrosLike fills in the indexes HPyDef and MacroCalls read,
// sharing prev's when f has prev's macros in the same order: a keystroke
// in a Document moves the macros of the file but rarely adds one, and
// building the maps again cost a fifth of an Enter in a 1 MB file. The
// maps are never written once built, so the two facts can share them.
func (f *Facts) indexMacrosLike(prev *Facts) {
	// The indexes leave out what no build compiles (disabled): shared
	// only where neither facts has such code, which they would differ on.
	if prev != nil && prev.byName != nil && sameMacroKeys(prev.Macros, f.Macros) && !f.hasDisabled() && !prev.hasDisabled() {
		f.hpyDefs, f.byName, f.modinits = prev.hpyDefs, prev.byName, prev.modinits
		f.copyModinits()
		return
	}
	f.indexMacros()
}

// copyModinits copies the HPy_MODINIT calls modinits indexes out of
// Macros, whose places are f's own even where the indexes are shared.
func (f *Facts) copyModinits() {
	f.modinitCalls = nil
	for _, i := range f.modinits {
		f.modinitCalls = append(f.modinitCalls, f.Macros[i])
	}
}

// sameMacroKeys reports whether two lists of macro calls index alike: the
// same names in the same order, and HPyDef_ calls with the same symbols.
func sameMacroKeys(a, b []MacroCall) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].IsHPyDef() && a[i].Arg(0).Text != b[i].Arg(0).Text {
			return false
		}
	}
	return true
}

// indexMacros fills in the indexes HPyDef, MacroCalls and Modinits
// read, leaving out the macros no build compiles (#if 0): an
// HPy_MODINIT a port keeps there is no entrypoint of the module.
func (f *Facts) indexMacros() {
	f.hpyDefs, f.byName, f.modinits = map[string]int{}, map[string][]int{}, nil
	someDisabled := f.hasDisabled()
	for i := range f.Macros {
		m := &f.Macros[i]
		if someDisabled && f.disabled(m.Span.Start) {
			continue
		}
		f.byName[m.Name] = append(f.byName[m.Name], i)
		if m.Name == ModinitMacro {
			f.modinits = append(f.modinits, i)
		}
		if !m.IsHPyDef() {
			continue
		}
		if sym := m.Arg(0).Text; sym != "" {
			if _, seen := f.hpyDefs[sym]; !seen {
				f.hpyDefs[sym] = i
			}
		}
	}
	f.copyModinits()
}

// disabled reports whether no build compiles the code at off: it lies in
// an #if 0, or in the #else of an #if 1.
func (f *Facts) disabled(off int) bool {
	return !f.Compiled(off, func(string) (bool, bool) { return false, false })
}

// hasDisabled reports whether some code of f is disabled: an #if of a
// number.
func (f *Facts) hasDisabled() bool {
	for i := range f.Conditionals {
		if f.Conditionals[i].Macro == "" {
			return true
		}
	}
	return false
}

// ModinitMacro is HPy's module init macro.
const ModinitMacro = "HPy_MODINIT"

// Modinits returns the HPy_MODINIT invocations, in file order: what
// MacroCalls(ModinitMacro) returns, without looking the name up. The
// list is the facts' own, shared by every caller: read it only.
func (f *Facts) Modinits() []MacroCall {
	if f.byName == nil {
		return f.MacroCalls(ModinitMacro) // facts not made by Extract or a Document
	}
	return f.modinitCalls
}

// MacroCalls returns the invocations of one macro, in file order.
func (f *Facts) MacroCalls(name string) []MacroCall {
	var out []MacroCall
	if f.byName != nil {
		for _, i := range f.byName[name] {
			out = append(out, f.Macros[i])
		}
		return out
	}
	for _, m := range f.Macros { // facts not made by Extract or a Document
		if m.Name == name {
			out = append(out, m)
		}
	}
	return out
}

// Variable returns the declarations of a variable, definition first.
func (f *Facts) Variable(name string) []*Variable {
	var defs, decls []*Variable
	for i := range f.Variables {
		v := &f.Variables[i]
		if v.Name != name {
			continue
		}
		if v.Defined {
			defs = append(defs, v)
		} else {
			decls = append(decls, v)
		}
	}
	return append(defs, decls...)
}

// FirstVariable is Variable(name)[0], or nil, without the list: the
// rules look a module definition up in every HPy source on every key.
func (f *Facts) FirstVariable(name string) *Variable {
	var decl *Variable
	for i := range f.Variables {
		v := &f.Variables[i]
		if v.Name != name {
			continue
		}
		if v.Defined {
			return v
		}
		if decl == nil {
			decl = v
		}
	}
	return decl
}

// Defines reports whether the file #defines name.
func (f *Facts) HasDefine(name string) bool {
	for _, d := range f.Defines {
		if d.Name == name {
			return true
		}
	}
	return false
}

// Compiled reports whether the code at off is compiled when exactly the
// macros for which defined returns true are defined, as far as the
// conditionals on single macros tell; other conditions count as compiled.
func (f *Facts) Compiled(off int, defined func(macro string) (isDefined, known bool)) bool {
	for i := range f.Conditionals {
		c := &f.Conditionals[i]
		holds, known := c.holds(defined)
		if !known {
			continue
		}
		if c.Then.Contains(off) && !holds || c.Else.End > c.Else.Start && c.Else.Contains(off) && holds {
			return false
		}
	}
	return true
}

// holds says whether the #if of c holds, as far as defined knows: any
// of its macros tested as it asks decides it; all of them must be known
// not to for it not to hold.
func (c *Conditional) holds(defined func(string) (bool, bool)) (holds, known bool) {
	if c.Macro == "" {
		return c.Defined, true // #if 0, #if 1
	}
	isDef, known := defined(c.Macro)
	if known && isDef == c.Defined || len(c.Or) == 0 {
		return known && isDef == c.Defined, known
	}
	for _, m := range c.Or {
		isDef, ok := defined(m)
		if ok && isDef == c.Defined {
			return true, true
		}
		known = known && ok
	}
	return false, known
}

// FunctionAt returns the index in Functions of the function whose body
// holds off, or -1 (file scope).
func (f *Facts) FunctionAt(off int) int {
	fns := f.Functions
	j := sort.Search(len(fns), func(k int) bool { return fns[k].Span.Start > off }) - 1
	if j >= 0 && fns[j].Body.Start <= off && off < fns[j].Body.End {
		return j
	}
	return -1
}

// CallAt returns the call whose span is exactly s, or nil.
func (f *Facts) CallAt(s source.Span) *Call {
	i := sort.Search(len(f.Calls), func(k int) bool { return f.Calls[k].Span.Start >= s.Start })
	for ; i < len(f.Calls) && f.Calls[i].Span.Start == s.Start; i++ {
		if f.Calls[i].Span == s {
			return &f.Calls[i]
		}
	}
	return nil
}
