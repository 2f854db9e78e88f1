package meson

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// target is a shared object being read.
type target struct {
	ext    buildcfg.Extension
	own    []define
	prefix *buildcfg.StringValue
}

// target reads extension_module/shared_module/library/shared_library.
func (r *reader) target(c *Call) value {
	call := c.Name.Name
	t := &target{ext: buildcfg.Extension{Decl: c.Span, Kind: buildcfg.NativeTarget}}
	if len(c.Args) > 0 {
		name := r.eval(c.Args[0])
		if name.kind == vString {
			t.ext.Name = name.str
		} else {
			// Keep the name as written so the target is still listed.
			t.ext.Name = buildcfg.StringValue{Value: r.shortText(c.Args[0].Pos()), Span: c.Args[0].Pos()}
			if name.kind == vUnknown {
				r.unresolved(name, call+"() name")
			}
		}
		t.ext.Sources = r.sources(c.Args[1:], call+"() sources")
	} else {
		t.ext.Name = buildcfg.StringValue{Value: call, Span: c.Name.Span}
	}
	if n := kwarg(c, "sources"); n != nil {
		t.ext.Sources = append(t.ext.Sources, r.sources([]Node{n}, call+"(sources:)")...)
	}
	for _, key := range []string{"c_args", "cpp_args"} {
		if n := kwarg(c, key); n != nil {
			f := parseArgs(r.strs([]Node{n}, call+"("+key+":)"))
			for _, d := range f.Defines {
				t.own = append(t.own, define{d, call})
			}
			t.ext.IncludeDirs = append(t.ext.IncludeDirs, f.Includes...)
		}
	}
	if n := kwarg(c, "include_directories"); n != nil {
		t.ext.IncludeDirs = append(t.ext.IncludeDirs, pathValues(r.strs([]Node{n}, call+"(include_directories:)"))...)
	}
	if n := kwarg(c, "dependencies"); n != nil {
		for _, d := range r.deps(n, call+"(dependencies:)") {
			t.ext.Libraries = append(t.ext.Libraries, d.libs...)
			t.own = append(t.own, d.defines...)
			t.ext.IncludeDirs = append(t.ext.IncludeDirs, d.includes...)
			t.ext.Sources = append(t.ext.Sources, d.sources...)
		}
	}
	if n := kwarg(c, "link_args"); n != nil {
		t.ext.Libraries = append(t.ext.Libraries, linkLibraries(r.strs([]Node{n}, call+"(link_args:)"))...)
	}
	if n := kwarg(c, "name_prefix"); n != nil {
		if v := r.eval(n); v.kind == vString {
			t.prefix = &v.str
		}
	}
	// Evaluate the other keyword arguments for calls they may hold.
	for _, k := range c.Kwargs {
		switch k.Key.Name {
		case "sources", "c_args", "cpp_args", "include_directories", "dependencies", "link_args", "name_prefix":
		default:
			r.eval(k.Value)
		}
	}
	r.targets = append(r.targets, t)
	return value{kind: vTarget, span: c.Span}
}

// extension assembles the final Extension: project-wide settings first,
// then the target's own; the first own HPy ABI define pins its ABI.
func (t *target) extension(r *reader) buildcfg.Extension {
	ext := t.ext
	ext.Defines = nil
	for _, d := range append(append([]define(nil), r.projDefines...), t.own...) {
		ext.Defines = append(ext.Defines, d.name)
	}
	ext.IncludeDirs = append(append([]buildcfg.StringValue(nil), r.projIncludes...), t.ext.IncludeDirs...)
	ext.Libraries = append(append([]buildcfg.StringValue(nil), r.projLibs...), t.ext.Libraries...)
	for _, d := range t.own {
		if isABIMacro(d.name.Value) {
			ext.ABI = &buildcfg.ABISetting{
				ABI:  buildcfg.ParseABI(d.name.Value),
				Span: d.name.Span,
				Text: r.abiText(d.call, d.name),
			}
			break
		}
	}
	if t.prefix != nil {
		ext.Name.Value = t.prefix.Value + ext.Name.Value
	}
	return ext
}
