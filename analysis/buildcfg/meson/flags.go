package meson

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// isABIMacro reports whether a macro name pins the HPy ABI. The bare mode
// words ParseABI also accepts ("universal") are not macros.
func isABIMacro(name string) bool {
	return strings.HasPrefix(name, "HPY_") && buildcfg.ParseABI(name) != buildcfg.ABIUnknown
}

// compileFlags is what a list of compiler arguments says about defines and
// include directories.
type compileFlags struct {
	defines  []buildcfg.StringValue
	includes []buildcfg.StringValue
}

// includeOpts take a directory, attached (-Idir) or as the next argument.
var includeOpts = []string{"-isystem", "-idirafter", "-iquote", "-I", "/I"}

// parseArgs reads -D and -I style compiler arguments; -DNAME=value gives
// NAME.
func parseArgs(args []buildcfg.StringValue) compileFlags {
	var f compileFlags
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a.Value, "-D") || strings.HasPrefix(a.Value, "/D") {
			name := a.Value[2:]
			if name == "" && i+1 < len(args) {
				i++
				a = args[i]
				name = a.Value
			}
			if j := strings.IndexByte(name, '='); j >= 0 {
				name = name[:j]
			}
			if name != "" {
				f.defines = append(f.defines, buildcfg.StringValue{Value: name, Span: a.Span})
			}
			continue
		}
		for _, opt := range includeOpts {
			dir, ok := strings.CutPrefix(a.Value, opt)
			if !ok {
				continue
			}
			if dir == "" && i+1 < len(args) {
				i++
				a = args[i]
				dir = a.Value
			}
			if dir != "" {
				f.includes = append(f.includes, buildcfg.StringValue{Value: cleanPath(dir), Span: a.Span})
			}
			break
		}
	}
	return f
}

// linkLibraries keeps the -lNAME arguments of link_args, as NAME.
func linkLibraries(args []buildcfg.StringValue) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for _, a := range args {
		if name, ok := strings.CutPrefix(a.Value, "-l"); ok && name != "" {
			out = append(out, buildcfg.StringValue{Value: name, Span: a.Span})
		}
	}
	return out
}

// cleanPath drops the "./" that join_paths(meson.current_source_dir(), x)
// leaves, so paths stay relative to the file's directory.
func cleanPath(p string) string {
	for strings.HasPrefix(p, "./") && len(p) > 2 {
		p = strings.TrimLeft(p[2:], "/")
		if p == "" {
			return "."
		}
	}
	return p
}
