package makefile

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// flags is what compiler and linker words say.
type flags struct {
	defines, includes, libs []buildcfg.StringValue
}

// includeOpts take a directory, attached (-Idir) or as the next word.
var includeOpts = []string{"-isystem", "-idirafter", "-iquote", "-I"}

// readFlags reads -D, -I and -l words; -DNAME=value gives NAME, -lNAME
// gives NAME. Words nothing in the file wrote are skipped.
func readFlags(words []word) flags {
	var f flags
	add := func(list *[]buildcfg.StringValue, value string, w word) {
		if sp, ok := w.span(); ok && value != "" {
			*list = append(*list, buildcfg.StringValue{Value: value, Span: sp})
		}
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w.op {
			continue
		}
		// next returns the following word for the two-word forms (-I dir).
		next := func(v string) (string, word) {
			if v == "" && i+1 < len(words) && !words[i+1].op {
				i++
				return words[i].value, words[i]
			}
			return v, w
		}
		switch {
		case strings.HasPrefix(w.value, "-D"):
			name, at := next(w.value[2:])
			if j := strings.IndexByte(name, '='); j >= 0 {
				name = name[:j]
			}
			add(&f.defines, name, at)
		case strings.HasPrefix(w.value, "-l"):
			name, at := next(w.value[2:])
			add(&f.libs, name, at)
		default:
			for _, opt := range includeOpts {
				if dir, ok := strings.CutPrefix(w.value, opt); ok {
					dir, at := next(dir)
					add(&f.includes, cleanPath(dir), at)
					break
				}
			}
		}
	}
	return f
}

// isABIMacro reports whether a macro name pins the HPy ABI. The bare mode
// words ParseABI also accepts ("universal") are not macros.
func isABIMacro(name string) bool {
	return strings.HasPrefix(name, "HPY_") && buildcfg.ParseABI(name) != buildcfg.ABIUnknown
}

// cleanPath drops the "./" that $(CURDIR)/x leaves, so paths stay relative
// to the Makefile's directory.
func cleanPath(p string) string {
	for strings.HasPrefix(p, "./") && len(p) > 2 {
		p = strings.TrimLeft(p[2:], "/")
		if p == "" {
			return "."
		}
	}
	return p
}

// dedupe drops repeats of the same value written at the same place (a
// variable referenced twice).
func dedupe(in []buildcfg.StringValue) []buildcfg.StringValue {
	type key struct {
		v string
		s source.Span
	}
	seen := map[key]bool{}
	var out []buildcfg.StringValue
	for _, v := range in {
		if k := (key{v.Value, v.Span}); !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}
