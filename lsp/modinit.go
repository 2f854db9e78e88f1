package lsp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// What hover, symbols and code lenses say about an HPy_MODINIT: the
// extension it belongs to, the ABI it is built with and why, and whether
// CPython can import it directly.

// entrypointMacro is hpylint's CPython entrypoint shim, as a file-scope
// macro (see analysis/shim).
const entrypointMacro = "HPY_CPYTHON_ENTRYPOINT"

type modinitInfo struct {
	name string
	exts []*model.Extension // HPy extensions listing the file
	abi  model.ABIDecision
	// entry says how CPython finds the module; short is its lens form.
	entry, short string
}

// describeModinit must run under o.mu: it walks the project.
func describeModinit(o *outcome, u *model.Unit, m cfacts.MacroCall) modinitInfo {
	p := o.res.Model()
	info := modinitInfo{name: m.Arg(0).Text, abi: rules.UnitABI(p, u)}
	for _, e := range u.Extensions {
		if e.HPy {
			info.exts = append(info.exts, e)
		}
	}
	units := []*model.Unit{u}
	for _, e := range info.exts {
		units = append(units, e.Units...)
	}
	switch {
	case info.abi.ABI == buildcfg.ABICPython:
		info.entry = "`PyInit_" + info.name + "`, which `HPy_MODINIT` itself defines in cpython mode."
		info.short = "PyInit_ from HPy_MODINIT"
	default:
		if loc, ok := findEntrypoint(units, info.name); ok {
			info.entry = "hpylint's shim (`" + entrypointMacro + "` at " + o.where(loc) + "): CPython imports the binary directly, other interpreters ignore it."
			info.short = "CPython entrypoint shim"
		} else if loc, ok := findPyInit(units, info.name); ok {
			info.entry = "a hand-written `PyInit_" + info.name + "` at " + o.where(loc) + "."
			info.short = "hand-written PyInit_"
		} else {
			info.entry = "none: CPython finds this " + string(info.abi.ABI) + " module only through the `.py` stub hpy.devel writes beside it (HPY105 offers hpylint's shim)."
			info.short = "no CPython entrypoint"
		}
	}
	return info
}

func findEntrypoint(units []*model.Unit, name string) (source.Location, bool) {
	for _, u := range units {
		if u.Facts == nil {
			continue
		}
		for _, m := range u.Facts.MacroCalls(entrypointMacro) {
			if m.Arg(0).Text == name || name == "" {
				return source.Location{Path: u.Path, Span: m.Span}, true
			}
		}
	}
	return source.Location{}, false
}

func findPyInit(units []*model.Unit, name string) (source.Location, bool) {
	for _, u := range units {
		if u.Facts == nil {
			continue
		}
		for _, f := range u.Facts.Functions {
			if f.Name == "PyInit_"+name {
				return source.Location{Path: u.Path, Span: f.NameSpan}, true
			}
		}
	}
	return source.Location{}, false
}

// markdown is the hover text.
func (info modinitInfo) markdown(o *outcome) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**HPy_MODINIT(%s)**: the entry point of an HPy extension module.\n\n", info.name)
	if len(info.exts) == 0 {
		b.WriteString("No build config lists this file in an HPy extension, so hpylint cannot check the name against one.\n\n")
	}
	for _, e := range info.exts {
		fmt.Fprintf(&b, "- Extension `%s`, declared at %s", e.Name, o.where(e.NameLocation()))
		if e.ShortName != info.name {
			fmt.Fprintf(&b, " (the loader looks up `HPyInit_%s`, not `HPyInit_%s`)", e.ShortName, info.name)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "- ABI: %s\n", info.abi.Describe(func(l source.Location) string { return strconv.Itoa(o.lineOf(l)) }))
	if info.abi.InterpreterDependent() {
		b.WriteString("  (checked as universal, what PyPy and GraalPy build)\n")
	}
	fmt.Fprintf(&b, "- CPython entrypoint: %s\n", info.entry)
	return b.String()
}

// lens is the one-line summary shown above the macro.
func (info modinitInfo) lens() string {
	var names []string
	for _, e := range info.exts {
		names = append(names, e.Name)
	}
	ext := "no extension declares this file"
	if len(names) > 0 {
		ext = "extension " + strings.Join(names, ", ")
	}
	abi := string(info.abi.ABI)
	if info.abi.InterpreterDependent() {
		abi = "interpreter-dependent"
	}
	return fmt.Sprintf("%s · %s ABI · %s", ext, abi, info.short)
}
