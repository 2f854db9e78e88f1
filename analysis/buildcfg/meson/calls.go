package meson

import (
	"fmt"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// targetFuncs are the functions that build a shared object; extension_module
// is a method of a python installation.
var targetFuncs = map[string]bool{"shared_module": true, "library": true, "shared_library": true}

func (r *reader) call(c *Call) value {
	if c.Recv != nil {
		return r.method(c)
	}
	name := c.Name.Name
	switch {
	case targetFuncs[name]:
		return r.target(c)
	case name == "files":
		p := pathValues(r.strs(c.Args, "files()"))
		return value{kind: vFiles, paths: p, span: c.Span, size: len(p)}
	case name == "include_directories":
		p := pathValues(r.strs(c.Args, "include_directories()"))
		return value{kind: vIncDirs, paths: p, span: c.Span, size: len(p)}
	case name == "join_paths":
		parts := r.strs(c.Args, "join_paths()")
		if len(parts) != len(c.Args) || len(parts) == 0 {
			return unknown(c.Span, r.shortText(c.Span))
		}
		p := parts[0].Value
		for _, s := range parts[1:] {
			p = joinPath(p, s.Value)
			if len(p) > maxStringLen {
				return unknown(c.Span, "a string longer than 1 MB")
			}
		}
		return str(p, c.Span)
	case name == "import":
		args := r.strs(c.Args, "import()")
		if len(args) > 0 && (args[0].Value == "python" || args[0].Value == "python3") {
			return value{kind: vPyModule, span: c.Span}
		}
		return value{kind: vOther, span: c.Span}
	case name == "dependency":
		return r.dependency(c)
	case name == "declare_dependency":
		return r.declareDependency(c)
	case name == "add_project_arguments" || name == "add_global_arguments":
		r.projectArguments(c)
		return value{kind: vOther, span: c.Span}
	case name == "add_project_link_arguments" || name == "add_global_link_arguments":
		libs := linkLibraries(r.strs(c.Args, name+"()"))
		r.projLibs = append(r.projLibs, libs...)
		r.out.Libraries = append(r.out.Libraries, libs...)
		return value{kind: vOther, span: c.Span}
	case name == "custom_target" || name == "executable" || name == "static_library" || name == "both_libraries":
		r.evalArgs(c)
		return value{kind: vTarget, span: c.Span}
	}
	// Anything else (get_option, run_command, configure_file...) cannot be
	// known here; its arguments may still create targets.
	r.evalArgs(c)
	return unknown(c.Span, r.shortText(c.Span))
}

func (r *reader) evalArgs(c *Call) {
	for _, a := range c.Args {
		r.eval(a)
	}
	for _, k := range c.Kwargs {
		r.eval(k.Value)
	}
}

func (r *reader) method(c *Call) value {
	recv := r.eval(c.Recv)
	switch c.Name.Name {
	case "extension_module":
		return r.target(c)
	case "find_installation":
		r.evalArgs(c)
		return value{kind: vPython, span: c.Span}
	case "dependency":
		if recv.kind == vPython || recv.kind == vUnknown {
			return r.pythonDependency(c)
		}
	case "current_source_dir":
		if recv.kind == vMeson {
			return str(".", c.Span)
		}
	}
	r.evalArgs(c)
	return unknown(c.Span, r.shortText(c.Span))
}

// dependency('python3-embed') becomes the Libraries entry
// "dependency('python3-embed')" spanning the call.
func (r *reader) dependency(c *Call) value {
	for _, k := range c.Kwargs {
		r.eval(k.Value)
	}
	names := r.strs(c.Args, "dependency()")
	text := r.shortText(c.Span)
	if len(names) > 0 {
		text = fmt.Sprintf("dependency('%s')", names[0].Value)
	}
	return value{kind: vDep, span: c.Span, dep: &dep{
		libs: []buildcfg.StringValue{{Value: text, Span: c.Span}},
	}}
}

// pythonDependency is py.dependency(): it links libpython only with
// embed: true, which the entry's text keeps.
func (r *reader) pythonDependency(c *Call) value {
	recv := "py"
	if id, ok := c.Recv.(*Ident); ok {
		recv = id.Name
	}
	text := recv + ".dependency()"
	if e := kwarg(c, "embed"); e != nil {
		if v := r.eval(e); v.kind == vBool && v.str.Value == "true" {
			text = recv + ".dependency(embed: true)"
		} else if v.kind == vUnknown {
			r.unresolved(v, "dependency(embed:)")
		}
	}
	return value{kind: vDep, span: c.Span, dep: &dep{
		libs: []buildcfg.StringValue{{Value: text, Span: c.Span}},
	}}
}

func (r *reader) declareDependency(c *Call) value {
	d := &dep{}
	if n := kwarg(c, "compile_args"); n != nil {
		f := parseArgs(r.strs([]Node{n}, "declare_dependency(compile_args:)"))
		for _, def := range f.Defines {
			d.defines = append(d.defines, define{def, "declare_dependency"})
		}
		d.includes = append(d.includes, f.Includes...)
	}
	if n := kwarg(c, "include_directories"); n != nil {
		d.includes = append(d.includes, pathValues(r.strs([]Node{n}, "declare_dependency(include_directories:)"))...)
	}
	if n := kwarg(c, "link_args"); n != nil {
		d.libs = append(d.libs, linkLibraries(r.strs([]Node{n}, "declare_dependency(link_args:)"))...)
	}
	if n := kwarg(c, "sources"); n != nil {
		d.sources = append(d.sources, r.sources([]Node{n}, "declare_dependency(sources:)")...)
	}
	if n := kwarg(c, "dependencies"); n != nil {
		for _, sub := range r.deps(n, "declare_dependency(dependencies:)") {
			d.merge(sub)
		}
	}
	return value{kind: vDep, span: c.Span, dep: d}
}

func (d *dep) merge(o *dep) {
	d.libs = append(d.libs, o.libs...)
	d.defines = append(d.defines, o.defines...)
	d.includes = append(d.includes, o.includes...)
	d.sources = append(d.sources, o.sources...)
}

// deps evaluates a dependencies: value into the dependencies it names.
func (r *reader) deps(n Node, context string) []*dep {
	var out []*dep
	var walk func(v value)
	walk = func(v value) {
		switch v.kind {
		case vDep:
			out = append(out, v.dep)
		case vArray:
			for _, e := range v.elems {
				walk(e)
			}
		case vUnknown:
			r.unresolved(v, context)
		}
	}
	walk(r.eval(n))
	return out
}

// sources evaluates source arguments; generated sources (custom targets)
// are skipped, unknown ones reported.
func (r *reader) sources(nodes []Node, context string) []buildcfg.StringValue {
	return pathValues(r.strs(nodes, context))
}

// projectArguments handles add_project_arguments('-DX', language: 'c'):
// directory-wide defines and include directories.
func (r *reader) projectArguments(c *Call) {
	name := c.Name.Name
	if n := kwarg(c, "language"); n != nil {
		langs := r.strs([]Node{n}, name+"(language:)")
		applies := len(langs) == 0
		for _, l := range langs {
			if l.Value == "c" || l.Value == "cpp" {
				applies = true
			}
		}
		if !applies {
			return
		}
	}
	f := parseArgs(r.strs(c.Args, name+"()"))
	for _, d := range f.Defines {
		if isABIMacro(d.Value) {
			r.out.ABI = append(r.out.ABI, buildcfg.ABISetting{
				ABI:  buildcfg.ParseABI(d.Value),
				Span: d.Span,
				Text: r.abiText(name, d),
			})
		}
		r.projDefines = append(r.projDefines, define{d, name})
	}
	r.projIncludes = append(r.projIncludes, f.Includes...)
	r.out.IncludeDirs = append(r.out.IncludeDirs, f.Includes...)
}
