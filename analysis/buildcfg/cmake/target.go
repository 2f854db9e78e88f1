package cmake

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// target is a CMake target being read; only MODULE and SHARED libraries
// become extensions, but every target is tracked so commands naming a
// static library do not land on a module of the same name.
type target struct {
	isExt      bool
	ext        buildcfg.Extension
	inherited  []define // directory defines copied in at creation
	own        []define // target_compile_definitions and friends
	outputName *buildcfg.StringValue
	prefix     *buildcfg.StringValue
}

// extension assembles the final Extension: directory-wide defines first,
// then the target's own; the first own HPy ABI define pins its ABI.
func (t *target) extension(r *reader) buildcfg.Extension {
	ext := t.ext
	ext.Defines = nil
	for _, group := range [][]define{r.dirDefines, t.inherited, t.own} {
		for _, d := range group {
			ext.Defines = append(ext.Defines, d.name)
		}
	}
	for _, d := range t.own {
		if isABIMacro(d.name.Value) {
			ext.ABI = &buildcfg.ABISetting{
				ABI:  buildcfg.ParseABI(d.name.Value),
				Span: d.name.Span,
				Text: r.abiText(d.cmd, d.name),
			}
			break
		}
	}
	if t.outputName != nil {
		ext.Name = *t.outputName
	}
	if t.prefix != nil {
		ext.Name.Value = t.prefix.Value + ext.Name.Value
	}
	return ext
}

// static reports whether a value is fully known (no unexpanded variable or
// generator expression), so it can name an output file.
func static(v string) bool {
	return !strings.Contains(v, "${") && !strings.Contains(v, "$<") && !strings.Contains(v, "$ENV{")
}

// truthy is CMake's notion of a true constant.
func truthy(v string) bool {
	switch strings.ToUpper(v) {
	case "1", "ON", "YES", "TRUE", "Y":
		return true
	}
	return false
}

func (r *reader) addTarget(cmd Command, args []buildcfg.StringValue, python bool) {
	if len(args) == 0 {
		return
	}
	name := args[0]
	rest := args[1:]
	kind := ""
	if python {
		kind = "MODULE"
	}
	i := 0
kinds:
	for ; i < len(rest); i++ {
		switch v := rest[i].Value; v {
		case "STATIC", "SHARED", "MODULE", "OBJECT", "INTERFACE", "UNKNOWN":
			kind = v
		case "EXCLUDE_FROM_ALL", "WITH_SOABI":
		case "USE_SABI":
			i++
		case "IMPORTED", "ALIAS":
			// Not built here.
			return
		default:
			break kinds
		}
	}
	isExt := kind == "MODULE" || kind == "SHARED"
	if kind == "" {
		if v, ok := r.vars["BUILD_SHARED_LIBS"]; ok && len(v) == 1 && truthy(v[0].Value) {
			isExt = true
		}
	}
	t := &target{
		isExt:     isExt,
		inherited: append([]define(nil), r.dirOptDefines...),
		ext: buildcfg.Extension{
			Name:        name,
			Decl:        cmd.Span,
			Kind:        buildcfg.NativeTarget,
			Sources:     paths(rest[i:]),
			IncludeDirs: append([]buildcfg.StringValue(nil), r.dirIncludes...),
			Libraries:   append([]buildcfg.StringValue(nil), r.dirLibs...),
		},
	}
	r.targets[name.Value] = append(r.targets[name.Value], t)
	r.order = append(r.order, t)
}

func paths(items []buildcfg.StringValue) []buildcfg.StringValue {
	out := make([]buildcfg.StringValue, 0, len(items))
	for _, it := range items {
		it.Value = cleanPath(it.Value)
		out = append(out, it)
	}
	return out
}

// scoped walks target_* items after the target name, keeping those that
// apply to the target itself: INTERFACE items only reach its consumers.
func scoped(items []buildcfg.StringValue, extra map[string]bool) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	applies := true
	for _, it := range items {
		switch it.Value {
		case "PRIVATE", "PUBLIC", "LINK_PRIVATE", "LINK_PUBLIC":
			applies = true
			continue
		case "INTERFACE", "LINK_INTERFACE_LIBRARIES":
			applies = false
			continue
		}
		if extra[it.Value] {
			continue
		}
		if applies {
			out = append(out, it)
		}
	}
	return out
}

func (t *target) addDefines(cmd Command, defs []buildcfg.StringValue) {
	for _, d := range defs {
		t.own = append(t.own, define{d, cmd.Name})
	}
}

func (t *target) addIncludes(dirs []buildcfg.StringValue, before bool) {
	if before {
		t.ext.IncludeDirs = append(append([]buildcfg.StringValue(nil), dirs...), t.ext.IncludeDirs...)
		return
	}
	t.ext.IncludeDirs = append(t.ext.IncludeDirs, dirs...)
}

// setProperty applies one target property we understand.
func (t *target) setProperty(cmd Command, name string, values []buildcfg.StringValue) {
	switch name {
	case "OUTPUT_NAME", "LIBRARY_OUTPUT_NAME":
		if len(values) == 1 && values[0].Value != "" && static(values[0].Value) {
			v := values[0]
			t.outputName = &v
		}
	case "PREFIX":
		if len(values) == 1 && static(values[0].Value) {
			v := values[0]
			t.prefix = &v
		}
	case "COMPILE_DEFINITIONS":
		t.addDefines(cmd, defineItems(splitList(values), true))
	case "INCLUDE_DIRECTORIES":
		t.addIncludes(paths(splitList(values)), false)
	case "COMPILE_OPTIONS":
		f := parseOptions(splitList(values))
		t.addDefines(cmd, f.Defines)
		t.addIncludes(f.Includes, false)
	case "LINK_LIBRARIES":
		t.ext.Libraries = append(t.ext.Libraries, libraries(splitList(values))...)
	}
}

// splitList splits quoted property values like "A;B" into list elements.
func splitList(values []buildcfg.StringValue) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for _, v := range values {
		for _, p := range strings.Split(v.Value, ";") {
			if p != "" {
				out = append(out, buildcfg.StringValue{Value: p, Span: v.Span})
			}
		}
	}
	return out
}

func defineItems(items []buildcfg.StringValue, stripD bool) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for _, it := range items {
		if name, ok := defineName(it.Value, stripD); ok {
			out = append(out, buildcfg.StringValue{Value: name, Span: it.Span})
		}
	}
	return out
}

// linkKeywords qualify the next item of target_link_libraries.
var linkKeywords = map[string]bool{"debug": true, "optimized": true, "general": true}

func libraries(items []buildcfg.StringValue) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for _, it := range items {
		if linkKeywords[it.Value] {
			continue
		}
		it.Value = libraryName(it.Value)
		out = append(out, it)
	}
	return out
}
