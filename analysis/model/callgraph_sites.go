package model

import (
	"sort"
	"strconv"
	"strings"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// SiteKind is what a site does.
type SiteKind uint8

const (
	// ImportSite imports a module.
	ImportSite SiteKind = iota
	// ThreadStartSite starts a thread.
	ThreadStartSite
	// WaitSite joins a thread or waits on a lock, a condition or a future.
	WaitSite
	// ModuleCreateSite builds a module object itself (PyModule_Create,
	// HPyModule_Create): the mark of single-phase init.
	ModuleCreateSite
)

// Site is a call (or statement macro) of interest in a function's body.
type Site struct {
	Kind SiteKind
	// What is the site as messages show it: HPyImport_ImportModule("pkg.mod").
	What string
	// Module is what an ImportSite imports, when it is written as a string
	// literal or traced to one within the function; "" otherwise.
	Module string
	Loc    source.Location
	// GILReleased is set when the function has released the GIL there.
	GILReleased bool
}

// importArg maps the import functions to the argument that names the
// module. PyImport_GetModule and PyImport_AddModule only read sys.modules
// and are not imports; the import code runs after a miss is found as any
// other.
var importArg = map[string]int{
	"HPyImport_ImportModule":           1,
	"PyImport_ImportModule":            0,
	"PyImport_ImportModuleNoBlock":     0,
	"PyImport_ImportModuleEx":          0,
	"PyImport_ImportModuleLevel":       0,
	"PyImport_ImportModuleLevelObject": 0,
	"PyImport_Import":                  0,
	"PyImport_ImportModuleAttr":        0,
	"PyImport_ImportModuleAttrString":  0,
	"PyImport_ReloadModule":            0,
	"PyCapsule_Import":                 0, // "pkg.mod._C_API": imports pkg.mod
}

// fixedImports are the macros that import a known module: NumPy's C-API
// imports, the datetime C-API.
var fixedImports = map[string]string{
	"import_array": "numpy", "import_array1": "numpy", "import_array2": "numpy", "_import_array": "numpy",
	"import_umath": "numpy", "import_umath1": "numpy", "import_umath2": "numpy", "_import_umath": "numpy",
	"import_ufunc": "numpy", "PyDateTime_IMPORT": "datetime",
}

// callsThrough are the functions that call a callable: the argument
// holding it, and the one holding the first argument passed (in an array
// or tuple for some), which names the module when the callable is
// __import__ or importlib.import_module.
var callsThrough = map[string][2]int{
	"HPy_Call":                     {1, 2},
	"HPy_CallTupleDict":            {1, 2},
	"PyObject_Call":                {0, 1},
	"PyObject_CallObject":          {0, 1},
	"PyObject_CallFunction":        {0, 2}, // after the format
	"_PyObject_CallFunction_SizeT": {0, 2},
	"PyObject_CallFunctionObjArgs": {0, 1},
	"PyObject_CallOneArg":          {0, 1},
	"PyObject_Vectorcall":          {0, 1},
	"PyObject_VectorcallDict":      {0, 1},
}

// callsMethod are the functions that call a method by name: the argument
// holding the name and the first argument passed (-1: not traceable, as
// HPy_CallMethod's array starts with the receiver).
var callsMethod = map[string][2]int{
	"PyObject_CallMethod":        {1, 3}, // obj, name, format, ...
	"_PyObject_CallMethod_SizeT": {1, 3},
	"PyObject_CallMethodObjArgs": {1, 2},
	"PyObject_CallMethodOneArg":  {1, 2},
	"PyObject_CallMethodNoArgs":  {1, -1},
	"HPy_CallMethod":             {1, -1},
	"PyObject_VectorcallMethod":  {0, -1},
}

// threadStarts start a thread that may import while initialisation waits.
var threadStarts = map[string]bool{
	"pthread_create": true, "thrd_create": true, "PyThread_start_new_thread": true, "PyThread_start_joinable_thread": true,
	"CreateThread": true, "_beginthread": true, "_beginthreadex": true, "uv_thread_create": true, "g_thread_new": true,
	"std::thread": true, "std::jthread": true, "std::async": true, "boost::thread": true,
}

// waits block until another thread acts: joins, condition and semaphore
// waits, blocking lock acquisition.
var waits = map[string]bool{
	"pthread_join": true, "pthread_cond_wait": true, "pthread_cond_timedwait": true, "thrd_join": true,
	"cnd_wait": true, "cnd_timedwait": true, "sem_wait": true, "sem_timedwait": true, "uv_thread_join": true,
	"PyThread_acquire_lock": true, "PyThread_acquire_lock_timed": true, "PyThread_join_thread": true,
	"WaitForSingleObject": true, "WaitForMultipleObjects": true, "SleepConditionVariableCS": true,
	"SleepConditionVariableSRW": true, "g_thread_join": true,
}

// methodWaits are C++ member functions that block: std::thread::join,
// condition variables' and futures' wait.
var methodWaits = map[string]bool{"join": true, "wait": true, "wait_for": true, "wait_until": true}

// moduleCreates build a module object directly: a PyInit_ that reaches one
// is single-phase init.
var moduleCreates = map[string]bool{
	"PyModule_Create": true, "PyModule_Create2": true, "HPyModule_Create": true, "PyModule_New": true,
	"PyModule_NewObject": true, "Py_InitModule": true, "Py_InitModule3": true, "Py_InitModule4": true,
}

// readSites lists the sites of fn's body in file order.
func readSites(fn *Func, compiled func(off int) bool) []Site {
	f, body := fn.Unit.Facts, fn.Def.Body
	var sites []Site
	add := func(at int, s Site) {
		if at != fn.index || !compiled(s.Loc.Span.Start) {
			return
		}
		s.GILReleased = gilReleasedAt(fn.gil, s.Loc.Span.Start)
		sites = append(sites, s)
	}
	t := tracer{f: f, path: fn.Unit.Path}
	for i := inBody(f.Calls, body, func(c cfacts.Call) int { return c.Span.Start }); i < len(f.Calls) && f.Calls[i].Span.Start < body.End; i++ {
		c := &f.Calls[i]
		if c.Caller == fn.index {
			if s, ok := t.callSite(c); ok {
				add(c.Caller, s)
			}
		}
	}
	for i := inBody(f.StatementMacros, body, func(m cfacts.StatementMacro) int { return m.Span.Start }); i < len(f.StatementMacros) && f.StatementMacros[i].Span.Start < body.End; i++ {
		m := f.StatementMacros[i]
		if mod, ok := fixedImports[m.Name]; ok {
			add(f.FunctionAt(m.Span.Start), Site{Kind: ImportSite, What: m.Name, Module: mod, Loc: t.loc(m.Span)})
		}
	}
	for i := inBody(f.MethodCalls, body, func(m cfacts.MethodCall) int { return m.Span.Start }); i < len(f.MethodCalls) && f.MethodCalls[i].Span.Start < body.End; i++ {
		m := f.MethodCalls[i]
		if methodWaits[m.Name] {
			add(f.FunctionAt(m.Span.Start), Site{Kind: WaitSite, What: m.Receiver + "." + m.Name + "()", Loc: t.loc(m.Span)})
		}
	}
	for i := inBody(f.ThreadObjects, body, func(o cfacts.ThreadObject) int { return o.Span.Start }); i < len(f.ThreadObjects) && f.ThreadObjects[i].Span.Start < body.End; i++ {
		o := f.ThreadObjects[i]
		at := f.FunctionAt(o.Span.Start)
		add(at, Site{Kind: ThreadStartSite, What: o.Type + " " + o.Name, Loc: t.loc(o.Span)})
		if strings.HasSuffix(o.Type, "jthread") {
			// A jthread joins when it goes out of scope.
			add(at, Site{Kind: WaitSite, What: o.Type + " " + o.Name + " (joins at the end of its scope)", Loc: t.loc(o.Span)})
		}
	}
	sort.SliceStable(sites, func(i, j int) bool { return sites[i].Loc.Span.Start < sites[j].Loc.Span.Start })
	return sites
}

// inBody is the index of the first of items (in file order) at or after
// the start of body.
func inBody[T any](items []T, body source.Span, start func(T) int) int {
	return sort.Search(len(items), func(i int) bool { return start(items[i]) >= body.Start })
}

// tracer follows values within a function: a module name or a callable
// back to the string literal it was made from.
type tracer struct {
	f    *cfacts.Facts
	path string
}

func (t tracer) loc(s source.Span) source.Location { return source.Location{Path: t.path, Span: s} }

func (t tracer) callSite(c *cfacts.Call) (Site, bool) {
	loc := t.loc(c.Span)
	switch {
	case moduleCreates[c.Name]:
		return Site{Kind: ModuleCreateSite, What: c.Name + "(…)", Loc: loc}, true
	case threadStarts[c.Name]:
		return Site{Kind: ThreadStartSite, What: shortCall(c), Loc: loc}, true
	case waits[c.Name]:
		if nonBlockingAcquire(c) {
			return Site{}, false
		}
		return Site{Kind: WaitSite, What: shortCall(c), Loc: loc}, true
	}
	if mod, ok := fixedImports[c.Name]; ok {
		return Site{Kind: ImportSite, What: c.Name + "()", Module: mod, Loc: loc}, true
	}
	if i, ok := importArg[c.Name]; ok {
		return t.importCall(c, i), true
	}
	if ix, ok := callsThrough[c.Name]; ok && ix[0] < c.Args.Len() {
		if callee := t.callable(c, c.Args.At(ix[0])); callee != "" {
			return t.dynamicImport(c, callee, ix[1]), true
		}
	}
	if ix, ok := callsMethod[c.Name]; ok && ix[0] < c.Args.Len() {
		if name, _ := t.str(c, c.Args.At(ix[0]), 0); name == "import_module" || name == "__import__" {
			callee := "importlib.import_module"
			if name == "__import__" {
				callee = "__import__"
			}
			return t.dynamicImport(c, callee, ix[1]), true
		}
	}
	return Site{}, false
}

// importCall reads an import function's call: the module when its name is
// known, with relative imports (level > 0) shown with their dots.
func (t tracer) importCall(c *cfacts.Call, arg int) Site {
	s := Site{Kind: ImportSite, Loc: t.loc(c.Span)}
	if arg < c.Args.Len() {
		s.Module, _ = t.str(c, c.Args.At(arg), 0)
	}
	if s.Module != "" && strings.HasPrefix(c.Name, "PyImport_ImportModuleLevel") && c.Args.Len() >= 5 {
		if n, err := strconv.Atoi(strings.TrimSpace(c.Args.At(4).Text)); err != nil || n > 0 {
			s.Module = strings.Repeat(".", max(n, 1)) + s.Module
		}
	}
	if s.Module == "" {
		s.What = shortCall(c)
		return s
	}
	s.What = c.Name + `("` + s.Module + `")`
	if c.Name == "PyCapsule_Import" {
		// The capsule is an attribute of the module before its last dot.
		if i := strings.LastIndexByte(s.Module, '.'); i > 0 {
			s.Module = s.Module[:i]
		}
	}
	return s
}

// dynamicImport is a call of __import__ or importlib.import_module through
// a generic call function.
func (t tracer) dynamicImport(c *cfacts.Call, callee string, arg int) Site {
	s := Site{Kind: ImportSite, Loc: t.loc(c.Span)}
	if arg >= 0 && arg < c.Args.Len() {
		s.Module, _ = t.str(c, c.Args.At(arg), 0)
	}
	shown := "…"
	if s.Module != "" {
		shown = `"` + s.Module + `"`
	}
	s.What = callee + "(" + shown + ") through " + c.Name
	return s
}

// stringMakers build a string (or a tuple or array whose first item is
// one) from their argument at the given index.
var stringMakers = map[string]int{
	"HPyUnicode_FromString": 1, "HPyUnicode_InternFromString": 1, "HPyUnicode_DecodeFSDefault": 1,
	"PyUnicode_FromString": 0, "PyUnicode_InternFromString": 0, "PyUnicode_DecodeFSDefault": 0,
	"HPyTuple_Pack": 2, "PyTuple_Pack": 1, "HPyTuple_FromArray": 1,
	"Py_BuildValue": 1, "HPy_BuildValue": 2, // the first value after the format
}

// getters fetch an attribute or item by name: the argument holding it.
var getters = map[string]int{
	"HPy_GetAttr_s": 2, "HPy_GetItem_s": 2, "HPy_GetAttr": 2, "HPy_GetItem": 2,
	"PyObject_GetAttrString": 1, "PyObject_GetAttr": 1, "PyDict_GetItemString": 1, "PyDict_GetItem": 1,
	"PyDict_GetItemWithError": 1, "PyMapping_GetItemString": 1, "PyObject_GetItem": 1,
}

// callable names what a callable argument holds, when it is __import__ or
// importlib.import_module fetched by a literal name; "" otherwise.
func (t tracer) callable(c *cfacts.Call, a cfacts.Arg) string {
	v := t.producer(c, a)
	if v == nil {
		return ""
	}
	i, ok := getters[v.Name]
	if !ok || i >= v.Args.Len() {
		return ""
	}
	switch name, _ := t.str(v, v.Args.At(i), 0); name {
	case "__import__":
		return "__import__"
	case "import_module":
		return "importlib.import_module"
	}
	return ""
}

// str is the string an argument of call c holds: a literal, or a local
// (or nested call) made from one by a string, tuple or array maker.
func (t tracer) str(c *cfacts.Call, a cfacts.Arg, depth int) (string, bool) {
	if s, ok := cString(a.Text); ok {
		return s, true
	}
	if depth > 4 {
		return "", false
	}
	v := t.producer(c, a)
	if v == nil {
		return "", false
	}
	i, ok := stringMakers[v.Name]
	if !ok || i >= v.Args.Len() {
		return "", false
	}
	return t.str(v, v.Args.At(i), depth+1)
}

// producer is the call whose result an argument holds: the argument itself
// when it is a call, else the last assignment of the local it names (with
// & or a cast around it) before the use, in the same function.
func (t tracer) producer(c *cfacts.Call, a cfacts.Arg) *cfacts.Call {
	if v := t.f.CallAt(a.Span); v != nil {
		return v
	}
	name := strings.TrimSpace(a.Text)
	name = strings.TrimPrefix(name, "&")
	if i := strings.LastIndexByte(name, ')'); strings.HasPrefix(name, "(") && i > 0 {
		name = strings.TrimSpace(name[i+1:]) // (PyObject *)x
	}
	if !isIdent(name) || c.Caller < 0 {
		return nil
	}
	body := t.f.Functions[c.Caller].Body
	asg := t.f.Assigns
	for j := sort.Search(len(asg), func(k int) bool { return asg[k].Span.Start >= a.Span.Start }) - 1; j >= 0 && asg[j].Span.Start >= body.Start; j-- {
		if asg[j].Target == name {
			return t.f.CallAt(asg[j].Value)
		}
	}
	return nil
}

// nonBlockingAcquire is PyThread_acquire_lock(lock, 0) and the like.
func nonBlockingAcquire(c *cfacts.Call) bool {
	if !strings.HasPrefix(c.Name, "PyThread_acquire_lock") || c.Args.Len() < 2 {
		return false
	}
	arg := c.Args.At(1).Text
	if c.Name == "PyThread_acquire_lock_timed" {
		return arg == "0"
	}
	return arg == "0" || arg == "NOWAIT_LOCK"
}

// shortCall shows a call as written when it is short, else its name.
func shortCall(c *cfacts.Call) string {
	if c.Span == c.NameSpan {
		return c.Name + "(…)" // recovered from a parse error: the name only
	}
	var b strings.Builder
	b.WriteString(c.Name + "(")
	for i, a := range c.Args.All() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strings.Join(strings.Fields(a.Text), " "))
	}
	b.WriteString(")")
	if b.Len() > 60 {
		return c.Name + "(…)"
	}
	return b.String()
}

// gilMark is where a function releases the GIL (or takes it back).
type gilMark struct {
	off     int
	release bool
}

var gilReleases = map[string]bool{
	"HPy_LeavePythonExecution": true, "PyEval_SaveThread": true, "PyEval_ReleaseThread": true,
	"HPy_BEGIN_LEAVE_PYTHON": true, "Py_BEGIN_ALLOW_THREADS": true, "Py_UNBLOCK_THREADS": true,
}

var gilTakes = map[string]bool{
	"HPy_ReenterPythonExecution": true, "PyEval_RestoreThread": true, "PyEval_AcquireThread": true,
	"HPy_END_LEAVE_PYTHON": true, "Py_END_ALLOW_THREADS": true, "Py_BLOCK_THREADS": true,
}

// gilMarks lists where the function releases and takes back the GIL.
func gilMarks(f *cfacts.Facts, def *cfacts.Function) []gilMark {
	var marks []gilMark
	note := func(name string, off int) {
		if gilReleases[name] || gilTakes[name] {
			marks = append(marks, gilMark{off: off, release: gilReleases[name]})
		}
	}
	lo := sort.Search(len(f.Calls), func(i int) bool { return f.Calls[i].Span.Start >= def.Body.Start })
	for i := lo; i < len(f.Calls) && f.Calls[i].Span.Start < def.Body.End; i++ {
		note(f.Calls[i].Name, f.Calls[i].Span.Start)
	}
	lo = sort.Search(len(f.StatementMacros), func(i int) bool { return f.StatementMacros[i].Span.Start >= def.Body.Start })
	for i := lo; i < len(f.StatementMacros) && f.StatementMacros[i].Span.Start < def.Body.End; i++ {
		note(f.StatementMacros[i].Name, f.StatementMacros[i].Span.Start)
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].off < marks[j].off })
	return marks
}

// gilReleasedAt reports whether the last GIL mark before off releases it.
func gilReleasedAt(marks []gilMark, off int) bool {
	i := sort.Search(len(marks), func(i int) bool { return marks[i].off >= off }) - 1
	return i >= 0 && marks[i].release
}
