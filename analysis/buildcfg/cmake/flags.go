package cmake

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// defineName turns a definition item (X, X=1, -DX, /DX=1) into the macro
// name; ok is false for an empty one.
func defineName(item string, stripD bool) (string, bool) {
	if stripD && (strings.HasPrefix(item, "-D") || strings.HasPrefix(item, "/D")) {
		item = item[2:]
	}
	if i := strings.IndexByte(item, '='); i >= 0 {
		item = item[:i]
	}
	item = strings.TrimSpace(item)
	return item, item != ""
}

// isABIMacro reports whether a macro name pins the HPy ABI. The bare mode
// words ParseABI also accepts ("universal") are not macros.
func isABIMacro(name string) bool {
	return strings.HasPrefix(name, "HPY_") && buildcfg.ParseABI(name) != buildcfg.ABIUnknown
}

// compileFlags is what a list of compiler options says about defines and
// include directories.
type compileFlags struct {
	defines  []buildcfg.StringValue
	includes []buildcfg.StringValue
}

// includeOpts take a directory, attached (-Idir) or as the next item.
var includeOpts = []string{"-isystem", "-idirafter", "-iquote", "-I", "/I"}

// parseOptions reads -D/-I style options. "SHELL:-I dir" groups are split
// on spaces like CMake does; everything else in them stays one item.
func parseOptions(items []buildcfg.StringValue) compileFlags {
	var words []buildcfg.StringValue
	for _, it := range items {
		if rest, ok := strings.CutPrefix(it.Value, "SHELL:"); ok {
			for _, w := range strings.Fields(rest) {
				words = append(words, buildcfg.StringValue{Value: w, Span: it.Span})
			}
			continue
		}
		words = append(words, it)
	}
	var f compileFlags
	for i := 0; i < len(words); i++ {
		w := words[i]
		if strings.HasPrefix(w.Value, "-D") || strings.HasPrefix(w.Value, "/D") {
			name, ok := defineName(w.Value, true)
			if !ok && i+1 < len(words) {
				// "-D" "NAME": the macro is the next item.
				i++
				name, ok = defineName(words[i].Value, false)
				w = words[i]
			}
			if ok {
				f.defines = append(f.defines, buildcfg.StringValue{Value: name, Span: w.Span})
			}
			continue
		}
		for _, opt := range includeOpts {
			dir, found := strings.CutPrefix(w.Value, opt)
			if !found {
				continue
			}
			if dir == "" && i+1 < len(words) {
				i++
				w = words[i]
				dir = w.Value
			}
			if dir != "" {
				f.includes = append(f.includes, buildcfg.StringValue{Value: cleanPath(dir), Span: w.Span})
			}
			break
		}
	}
	return f
}

// cleanPath drops the "./" that ${CMAKE_CURRENT_SOURCE_DIR}/x leaves, so
// paths stay relative to the file's directory as the user meant them.
func cleanPath(p string) string {
	for strings.HasPrefix(p, "./") && len(p) > 2 {
		p = strings.TrimLeft(p[2:], "/")
		if p == "" {
			return "."
		}
	}
	return p
}

// libraryName turns a link item into a library as written, with -lNAME
// becoming NAME.
func libraryName(item string) string {
	if name, ok := strings.CutPrefix(item, "-l"); ok && name != "" {
		return name
	}
	return item
}
