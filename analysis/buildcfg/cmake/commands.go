package cmake

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

type handler func(r *reader, cmd Command, args []buildcfg.StringValue)

// handlers maps lower-case command names to what the reader does with them;
// every other command is ignored.
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"set":                        (*reader).set,
		"unset":                      (*reader).unset,
		"list":                       (*reader).list,
		"project":                    (*reader).project,
		"file":                       (*reader).file,
		"aux_source_directory":       (*reader).auxSourceDirectory,
		"add_library":                func(r *reader, c Command, a []buildcfg.StringValue) { r.addTarget(c, a, false) },
		"python_add_library":         func(r *reader, c Command, a []buildcfg.StringValue) { r.addTarget(c, a, true) },
		"python3_add_library":        func(r *reader, c Command, a []buildcfg.StringValue) { r.addTarget(c, a, true) },
		"python2_add_library":        func(r *reader, c Command, a []buildcfg.StringValue) { r.addTarget(c, a, true) },
		"target_sources":             (*reader).targetSources,
		"target_compile_definitions": (*reader).targetCompileDefinitions,
		"target_compile_options":     (*reader).targetCompileOptions,
		"target_include_directories": (*reader).targetIncludeDirectories,
		"target_link_libraries":      (*reader).targetLinkLibraries,
		"set_target_properties":      (*reader).setTargetProperties,
		"set_property":               (*reader).setProperty,
		"add_compile_definitions":    (*reader).addCompileDefinitions,
		"add_definitions":            (*reader).addDefinitions,
		"add_compile_options":        (*reader).addCompileOptions,
		"include_directories":        (*reader).includeDirectories,
		"link_libraries":             (*reader).linkLibraries,
	}
}

func (r *reader) set(_ Command, args []buildcfg.StringValue) {
	if len(args) == 0 {
		return
	}
	name, vals := args[0].Value, args[1:]
	for i, v := range vals {
		if v.Value == "CACHE" {
			vals = vals[:i]
			break
		}
	}
	if n := len(vals); n > 0 && vals[n-1].Value == "PARENT_SCOPE" {
		vals = vals[:n-1]
	}
	if len(vals) == 0 {
		delete(r.vars, name)
		return
	}
	r.store(name, splitKeepEmpty(vals))
}

// store sets a variable unless the value grew past the limits, in which
// case the variable becomes unknown.
func (r *reader) store(name string, list []buildcfg.StringValue) {
	size := 0
	for _, e := range list {
		size += len(e.Value)
	}
	if len(list) > maxListLen || size > maxStringLen {
		delete(r.vars, name)
		return
	}
	r.vars[name] = list
}

// splitKeepEmpty stores a value as CMake's ;-list; "a;;b" keeps its empty
// element, which matters for set(X "") meaning "set to empty".
func splitKeepEmpty(values []buildcfg.StringValue) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for _, v := range values {
		for _, p := range strings.Split(v.Value, ";") {
			out = append(out, buildcfg.StringValue{Value: p, Span: v.Span})
		}
	}
	return out
}

func (r *reader) unset(_ Command, args []buildcfg.StringValue) {
	if len(args) > 0 {
		delete(r.vars, args[0].Value)
	}
}

// list keeps APPEND/PREPEND/REMOVE_ITEM exact; any other sub-command that
// writes a variable makes it unknown, so later uses stay as written.
func (r *reader) list(_ Command, args []buildcfg.StringValue) {
	if len(args) < 2 {
		return
	}
	op, name := args[0].Value, args[1].Value
	items := splitKeepEmpty(args[2:])
	switch op {
	case "APPEND":
		r.store(name, append(append([]buildcfg.StringValue(nil), r.vars[name]...), items...))
	case "PREPEND":
		r.store(name, append(items, r.vars[name]...))
	case "REMOVE_ITEM":
		drop := map[string]bool{}
		for _, it := range items {
			drop[it.Value] = true
		}
		var kept []buildcfg.StringValue
		for _, v := range r.vars[name] {
			if !drop[v.Value] {
				kept = append(kept, v)
			}
		}
		if _, ok := r.vars[name]; ok {
			r.vars[name] = kept
		}
	case "LENGTH", "GET", "JOIN", "FIND", "SUBLIST":
		delete(r.vars, args[len(args)-1].Value)
	default:
		delete(r.vars, name)
	}
}

func (r *reader) project(_ Command, args []buildcfg.StringValue) {
	if len(args) > 0 {
		r.vars["PROJECT_NAME"] = args[:1:1]
		r.vars["CMAKE_PROJECT_NAME"] = args[:1:1]
	}
}

// file(GLOB) and aux_source_directory fill a variable from the file
// system: report it, and leave the variable unknown.
func (r *reader) file(cmd Command, args []buildcfg.StringValue) {
	if len(args) < 2 {
		return
	}
	switch args[0].Value {
	case "GLOB", "GLOB_RECURSE":
		r.unresolved(cmd, fmt.Sprintf("file(%s) fills %s from the file system", args[0].Value, args[1].Value))
		delete(r.vars, args[1].Value)
	case "READ", "STRINGS", "RELATIVE_PATH", "TO_CMAKE_PATH", "TO_NATIVE_PATH", "REAL_PATH":
		delete(r.vars, args[len(args)-1].Value)
	}
}

func (r *reader) auxSourceDirectory(cmd Command, args []buildcfg.StringValue) {
	if len(args) < 2 {
		return
	}
	r.unresolved(cmd, "aux_source_directory fills "+args[1].Value+" from the file system")
	delete(r.vars, args[1].Value)
}

func (r *reader) unresolved(cmd Command, what string) {
	r.out.Unresolved = append(r.out.Unresolved, buildcfg.Unresolved{Span: cmd.Span, What: what})
}

// each calls f for every tracked target named by the command's first
// argument; targets defined elsewhere are not ours to describe.
func (r *reader) each(args []buildcfg.StringValue, f func(t *target, rest []buildcfg.StringValue)) {
	if len(args) == 0 {
		return
	}
	for _, t := range r.targets[args[0].Value] {
		f(t, args[1:])
	}
}

func (r *reader) targetSources(_ Command, args []buildcfg.StringValue) {
	r.each(args, func(t *target, rest []buildcfg.StringValue) {
		// FILE_SET blocks list headers with their own keywords; stop there.
		for i, it := range rest {
			if it.Value == "FILE_SET" {
				rest = rest[:i]
				break
			}
		}
		t.ext.Sources = append(t.ext.Sources, paths(scoped(rest, nil))...)
	})
}

func (r *reader) targetCompileDefinitions(cmd Command, args []buildcfg.StringValue) {
	r.each(args, func(t *target, rest []buildcfg.StringValue) {
		t.addDefines(cmd, defineItems(scoped(rest, nil), true))
	})
}

var beforeKeyword = map[string]bool{"BEFORE": true, "AFTER": true, "SYSTEM": true}

func (r *reader) targetCompileOptions(cmd Command, args []buildcfg.StringValue) {
	r.each(args, func(t *target, rest []buildcfg.StringValue) {
		f := parseOptions(scoped(rest, beforeKeyword))
		t.addDefines(cmd, f.Defines)
		t.addIncludes(f.Includes, false)
	})
}

func (r *reader) targetIncludeDirectories(_ Command, args []buildcfg.StringValue) {
	r.each(args, func(t *target, rest []buildcfg.StringValue) {
		t.addIncludes(paths(scoped(rest, beforeKeyword)), hasKeyword(rest, "BEFORE"))
	})
}

func hasKeyword(items []buildcfg.StringValue, kw string) bool {
	for _, it := range items {
		if it.Value == kw {
			return true
		}
		if it.Value == "PRIVATE" || it.Value == "PUBLIC" || it.Value == "INTERFACE" {
			return false
		}
	}
	return false
}

func (r *reader) targetLinkLibraries(_ Command, args []buildcfg.StringValue) {
	r.each(args, func(t *target, rest []buildcfg.StringValue) {
		t.ext.Libraries = append(t.ext.Libraries, libraries(scoped(rest, nil))...)
	})
}

func (r *reader) setTargetProperties(cmd Command, args []buildcfg.StringValue) {
	at := -1
	for i, a := range args {
		if a.Value == "PROPERTIES" {
			at = i
			break
		}
	}
	if at < 0 {
		return
	}
	pairs := args[at+1:]
	for _, name := range args[:at] {
		for _, t := range r.targets[name.Value] {
			for i := 0; i+1 < len(pairs); i += 2 {
				t.setProperty(cmd, pairs[i].Value, pairs[i+1:i+2])
			}
		}
	}
}

// setProperty handles set_property(TARGET t... [APPEND] PROPERTY name v...).
func (r *reader) setProperty(cmd Command, args []buildcfg.StringValue) {
	if len(args) == 0 || args[0].Value != "TARGET" {
		return
	}
	var names []buildcfg.StringValue
	for i := 1; i < len(args); i++ {
		switch args[i].Value {
		case "APPEND", "APPEND_STRING":
		case "PROPERTY":
			if i+1 >= len(args) {
				return
			}
			for _, n := range names {
				for _, t := range r.targets[n.Value] {
					t.setProperty(cmd, args[i+1].Value, args[i+2:])
				}
			}
			return
		default:
			names = append(names, args[i])
		}
	}
}

func (r *reader) addCompileDefinitions(cmd Command, args []buildcfg.StringValue) {
	r.addDirDefines(cmd, defineItems(args, true), false)
}

// addDefinitions only takes -D/ /D items as definitions; CMake passes the
// rest to the compiler as flags.
func (r *reader) addDefinitions(cmd Command, args []buildcfg.StringValue) {
	var defs []buildcfg.StringValue
	for _, a := range args {
		if strings.HasPrefix(a.Value, "-D") || strings.HasPrefix(a.Value, "/D") {
			defs = append(defs, a)
		}
	}
	r.addDirDefines(cmd, defineItems(defs, true), false)
}

func (r *reader) addCompileOptions(cmd Command, args []buildcfg.StringValue) {
	f := parseOptions(args)
	r.addDirDefines(cmd, f.Defines, true)
	r.dirIncludes = append(r.dirIncludes, f.Includes...)
	r.out.IncludeDirs = append(r.out.IncludeDirs, f.Includes...)
}

func (r *reader) includeDirectories(_ Command, args []buildcfg.StringValue) {
	dirs := paths(scoped(args, beforeKeyword))
	if hasKeyword(args, "BEFORE") {
		r.dirIncludes = append(append([]buildcfg.StringValue(nil), dirs...), r.dirIncludes...)
		r.out.IncludeDirs = append(append([]buildcfg.StringValue(nil), dirs...), r.out.IncludeDirs...)
		return
	}
	r.dirIncludes = append(r.dirIncludes, dirs...)
	r.out.IncludeDirs = append(r.out.IncludeDirs, dirs...)
}

func (r *reader) linkLibraries(_ Command, args []buildcfg.StringValue) {
	libs := libraries(args)
	r.dirLibs = append(r.dirLibs, libs...)
	r.out.Libraries = append(r.out.Libraries, libs...)
}
