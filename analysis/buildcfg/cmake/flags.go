package cmake

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/compileflags"
)

var (
	defineName = compileflags.DefineName
	isABIMacro = compileflags.IsABIMacro
	cleanPath  = compileflags.CleanPath
)

// parseOptions reads -D/-I style options. "SHELL:-I dir" groups are split
// on spaces like CMake does; everything else in them stays one item.
func parseOptions(items []buildcfg.StringValue) compileflags.Flags {
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
	return compileflags.Parse(words)
}

// libraryName turns a link item into a library as written, with -lNAME
// becoming NAME.
func libraryName(item string) string {
	if name, ok := strings.CutPrefix(item, "-l"); ok && name != "" {
		return name
	}
	return item
}
