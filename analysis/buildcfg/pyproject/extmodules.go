package pyproject

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/tomldoc"
)

// extModules reads setuptools' experimental
//
//	[tool.setuptools]
//	ext-modules = [{name = "pkg._mod", sources = ["src/mod.c"]}]
//
// (or the same as [[tool.setuptools.ext-modules]] tables). setuptools builds
// them as plain CPython extensions, without HPy's flags.
func (r *reader) extModules() {
	mods, ok := r.doc.Lookup("tool", "setuptools", "ext-modules")
	if !ok {
		return
	}
	if mods.Kind != tomldoc.KindArray {
		r.typeProblem(mods, "[tool.setuptools] ext-modules", "an array of tables")
		return
	}
	for _, m := range mods.Elems {
		if m.Kind != tomldoc.KindTable {
			r.typeProblem(m, "[tool.setuptools] ext-modules entry", "a table")
			continue
		}
		if ext, ok := r.extension(m); ok {
			r.f.Extensions = append(r.f.Extensions, ext)
		}
	}
}

func (r *reader) extension(m *tomldoc.Value) (buildcfg.Extension, bool) {
	ext := buildcfg.Extension{Decl: m.Span, Kind: buildcfg.PlainExtension}
	// setuptools turns dashes into underscores before calling Extension(),
	// so both spellings work.
	get := func(key string) (*tomldoc.Value, bool) {
		if v, ok := m.Table.Get(key); ok {
			return v, true
		}
		return m.Table.Get(strings.ReplaceAll(key, "-", "_"))
	}
	name, ok := get("name")
	if !ok || name.Kind != tomldoc.KindString {
		r.f.Problems = append(r.f.Problems, buildcfg.Problem{Span: m.Span,
			Message: "[tool.setuptools] ext-modules entry needs a name string"})
		return ext, false
	}
	ext.Name = buildcfg.StringValue{Value: name.Str, Span: name.Span}
	ext.Sources = r.stringList(get, "sources")
	ext.Libraries = r.stringList(get, "libraries")
	ext.IncludeDirs = r.stringList(get, "include-dirs")
	ext.Defines = append(r.macros(get), r.compileDefines(get)...)
	if v, ok := get("py-limited-api"); ok && v.Kind == tomldoc.KindBool && v.Bool {
		ext.PyLimitedAPI = &buildcfg.StringValue{Value: "true", Span: v.Span}
	}
	for _, d := range ext.Defines {
		if abi := buildcfg.ParseABI(d.Value); abi != buildcfg.ABIUnknown {
			ext.ABI = &buildcfg.ABISetting{ABI: abi, Span: d.Span, Text: d.Value}
		}
	}
	return ext, true
}

type getter func(key string) (*tomldoc.Value, bool)

func (r *reader) stringList(get getter, key string) []buildcfg.StringValue {
	v, ok := get(key)
	if !ok {
		return nil
	}
	if v.Kind != tomldoc.KindArray {
		r.typeProblem(v, "ext-modules "+key, "an array of strings")
		return nil
	}
	var out []buildcfg.StringValue
	for _, e := range v.Elems {
		if e.Kind == tomldoc.KindString {
			out = append(out, buildcfg.StringValue{Value: e.Str, Span: e.Span})
		}
	}
	return out
}

// macros reads define-macros, a list of [name, value] pairs.
func (r *reader) macros(get getter) []buildcfg.StringValue {
	v, ok := get("define-macros")
	if !ok || v.Kind != tomldoc.KindArray {
		return nil
	}
	var out []buildcfg.StringValue
	for _, e := range v.Elems {
		if e.Kind == tomldoc.KindArray && len(e.Elems) > 0 {
			e = e.Elems[0]
		}
		if e.Kind == tomldoc.KindString {
			out = append(out, buildcfg.StringValue{Value: e.Str, Span: e.Span})
		}
	}
	return out
}

// compileDefines reads the -DNAME[=value] flags of extra-compile-args.
func (r *reader) compileDefines(get getter) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for _, arg := range r.stringList(get, "extra-compile-args") {
		name, ok := strings.CutPrefix(arg.Value, "-D")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, "=")
		if name != "" {
			out = append(out, buildcfg.StringValue{Value: name, Span: arg.Span})
		}
	}
	return out
}
