// Package compileflags reads compiler arguments (-D, -I and friends, -l)
// the way gcc and clang take them, for the build-config readers that see
// them as lists of strings (CMake, meson).
package compileflags

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// Flags is what a list of compiler arguments says.
type Flags struct {
	Defines  []buildcfg.StringValue // macro names, without -D or =value
	Includes []buildcfg.StringValue // directories
}

// includeOpts take a directory, attached (-Idir) or as the next argument.
var includeOpts = []string{"-isystem", "-idirafter", "-iquote", "-I", "/I"}

// Parse reads -D and -I style arguments; -DNAME=value gives NAME, and
// "-D NAME" / "-I dir" take the next argument.
func Parse(args []buildcfg.StringValue) Flags {
	var f Flags
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a.Value, "-D") || strings.HasPrefix(a.Value, "/D") {
			name, ok := DefineName(a.Value, true)
			if !ok && i+1 < len(args) {
				i++
				a = args[i]
				name, ok = DefineName(a.Value, false)
			}
			if ok {
				f.Defines = append(f.Defines, buildcfg.StringValue{Value: name, Span: a.Span})
			}
			continue
		}
		for _, opt := range includeOpts {
			dir, found := strings.CutPrefix(a.Value, opt)
			if !found {
				continue
			}
			if dir == "" && i+1 < len(args) {
				i++
				a = args[i]
				dir = a.Value
			}
			if dir != "" {
				f.Includes = append(f.Includes, buildcfg.StringValue{Value: CleanPath(dir), Span: a.Span})
			}
			break
		}
	}
	return f
}

// DefineName turns a definition item (X, X=1, -DX, /DX=1) into the macro
// name; ok is false for an empty one. stripD removes a -D or /D prefix.
func DefineName(item string, stripD bool) (string, bool) {
	if stripD && (strings.HasPrefix(item, "-D") || strings.HasPrefix(item, "/D")) {
		item = item[2:]
	}
	if i := strings.IndexByte(item, '='); i >= 0 {
		item = item[:i]
	}
	item = strings.TrimSpace(item)
	return item, item != ""
}

// IsABIMacro reports whether a macro name pins the HPy ABI. The bare mode
// words ParseABI also accepts ("universal") are not macros.
func IsABIMacro(name string) bool {
	return strings.HasPrefix(name, "HPY_") && buildcfg.ParseABI(name) != buildcfg.ABIUnknown
}

// CleanPath drops the "./" that ${CMAKE_CURRENT_SOURCE_DIR}/x or
// join_paths(meson.current_source_dir(), x) leave, so paths stay relative
// to the file's directory as the user meant them.
func CleanPath(p string) string {
	for strings.HasPrefix(p, "./") && len(p) > 2 {
		p = strings.TrimLeft(p[2:], "/")
		if p == "" {
			return "."
		}
	}
	return p
}

// Libraries keeps the -lNAME arguments, as NAME.
func Libraries(args []buildcfg.StringValue) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for _, a := range args {
		if name, ok := strings.CutPrefix(a.Value, "-l"); ok && name != "" {
			out = append(out, buildcfg.StringValue{Value: name, Span: a.Span})
		}
	}
	return out
}
