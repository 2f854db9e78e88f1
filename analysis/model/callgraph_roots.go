package model

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// RootKind is how a function comes to run during the extension's import.
type RootKind uint8

const (
	// SinglePhaseInit is the init_<name>_impl of the one-argument
	// HPy_MODINIT(name) of HPy 0.0.4, or a hand-written PyInit_ that
	// builds the module itself (PyModule_Create, HPyModule_Create).
	SinglePhaseInit RootKind = iota
	// PyInitEntry is any other hand-written PyInit_: it should only return
	// a multi-phase definition.
	PyInitEntry
	// CreateSlot is an HPy_mod_create or Py_mod_create implementation.
	CreateSlot
	// ExecSlot is an HPy_mod_exec or Py_mod_exec implementation.
	ExecSlot
)

// Root is a function the interpreter runs while it imports the extension.
type Root struct {
	Kind RootKind
	Func *Func
	// Via is the declaration that makes it a root, as written in messages
	// ("HPyDef_SLOT(mod_exec, HPy_mod_exec)"), and where it is.
	Via    string
	ViaLoc source.Location
	reach  reachCache
}

// findRoots lists the init roots of the graph's files; a function that is
// a root of one kind twice (an HPyDef_SLOT and a slot array) is listed once.
func (b *graphBuilder) findRoots() []*Root {
	var roots []*Root
	seen := map[[2]any]bool{}
	add := func(kind RootKind, f *Func, via string, loc source.Location) {
		if f == nil || seen[[2]any{kind, f}] {
			return
		}
		seen[[2]any{kind, f}] = true
		roots = append(roots, &Root{Kind: kind, Func: f, Via: via, ViaLoc: loc})
	}
	for _, u := range b.files {
		for i := range u.Facts.Macros {
			m := &u.Facts.Macros[i]
			// The name first: most of a large file's macros are no root,
			// and whether a build compiles one costs more.
			if !isRootMacro(m) || !b.compiled(u, m.Span.Start) {
				continue
			}
			loc := source.Location{Path: u.Path, Span: m.Span}
			switch {
			case m.Name == "HPy_MODINIT" && m.Args.Len() == 1:
				// HPy 0.0.4: the user writes the single-phase init function.
				add(SinglePhaseInit, b.function(u, "init_"+m.Arg(0).Text+"_impl"), "HPy_MODINIT("+m.Arg(0).Text+")", loc)
			case strings.HasPrefix(m.Name, "HPyDef_SLOT") && m.Args.Len() >= 2:
				kind, ok := moduleSlotKind(m.Args.At(m.Args.Len() - 1).Text)
				if !ok {
					continue
				}
				// HPyDef_SLOT(sym, slot) defines sym_impl; HPyDef_SLOT_IMPL(sym,
				// impl, slot) and 0.0.4's HPyDef_SLOT(sym, impl, slot) name it.
				impl := m.Arg(0).Text + "_impl"
				if m.Args.Len() >= 3 {
					impl = m.Arg(1).Text
				}
				add(kind, b.function(u, impl), m.Name+"("+joinArgs(m.Args)+")", loc)
			}
		}
		for _, s := range u.Facts.ModuleSlots {
			if kind, ok := moduleSlotKind(s.Slot); ok && s.Func != "" && b.compiled(u, s.Span.Start) {
				add(kind, b.function(u, s.Func), "{"+s.Slot+", "+s.Func+"}", source.Location{Path: u.Path, Span: s.Span})
			}
		}
		for _, i := range u.Facts.PyInits() {
			if def := &u.Facts.Functions[i]; len(def.Name) > len(cfacts.PyInitPrefix) {
				if f := b.compiledFunc(u, i); f != nil {
					add(PyInitEntry, f, f.Def.Name, f.Location())
				}
			}
		}
	}
	// A PyInit_ that builds its module is single-phase init.
	for _, r := range roots {
		if r.Kind == PyInitEntry && r.Reach().Finds(func(s Site) bool { return s.Kind == ModuleCreateSite }) {
			r.Kind = SinglePhaseInit
		}
	}
	return roots
}

// isRootMacro reports whether a macro call can make a root:
// the one-argument HPy_MODINIT, or an HPyDef_SLOT form.
func isRootMacro(m *cfacts.MacroCall) bool {
	return m.Name == "HPy_MODINIT" && m.Args.Len() == 1 || strings.HasPrefix(m.Name, "HPyDef_SLOT")
}

// function finds the definition a name refers to from file u.
func (b *graphBuilder) function(u *Unit, name string) *Func {
	if fs := b.resolve(u, name); len(fs) > 0 {
		return fs[0]
	}
	return nil
}

func moduleSlotKind(slot string) (RootKind, bool) {
	switch slot {
	case "HPy_mod_create", "Py_mod_create":
		return CreateSlot, true
	case "HPy_mod_exec", "Py_mod_exec":
		return ExecSlot, true
	}
	return 0, false
}

func joinArgs(args cfacts.ArgList) string {
	texts := make([]string, args.Len())
	for i, a := range args.All() {
		texts[i] = a.Text
	}
	return strings.Join(texts, ", ")
}
