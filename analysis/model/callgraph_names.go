package model

import (
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// A call graph finds its functions by name in the index of each of its
// files. A file's index follows from its facts and the graph's ABI alone,
// and the language server builds the graph of the extension typed into on
// every key that changes facts: the index of each file it did not change
// is kept in its facts (cfacts.Facts.Derived). Building them all again
// was a third of the graph of numpy-hpy's largest extension.

// fileNames is one file's compiled functions by name (the last component
// of a C++ name): its static ones, and the others in file order.
type fileNames struct {
	statics map[string][]int // indexes in Functions
	externs []namedFunc
}

type namedFunc struct {
	key string
	i   int
}

// fileNamesKey is the Derived key of a file's index for a build of abi.
type fileNamesKey struct{ abi buildcfg.ABI }

// namesOf is the index of the functions of f that a build of abi
// compiles.
func namesOf(f *cfacts.Facts, abi buildcfg.ABI) *fileNames {
	return f.Derived(fileNamesKey{abi}, func() any {
		fileNamesMade.Add(1)
		n := &fileNames{}
		for i := range f.Functions {
			def := &f.Functions[i]
			if !compiledFor(f, abi, def.Span.Start) {
				continue
			}
			key := lastComponent(def.Name)
			if def.Static {
				if n.statics == nil {
					n.statics = map[string][]int{}
				}
				n.statics[key] = append(n.statics[key], i)
			} else {
				n.externs = append(n.externs, namedFunc{key, i})
			}
		}
		return n
	}).(*fileNames)
}

// compiledFor reports whether code at off of f survives the preprocessor
// for a build of abi, as far as #ifdef HPY_ABI_* regions tell.
func compiledFor(f *cfacts.Facts, abi buildcfg.ABI, off int) bool {
	return f.Compiled(off, func(macro string) (bool, bool) {
		a := buildcfg.ParseABI(macro)
		if a == buildcfg.ABIUnknown || abi == buildcfg.ABIUnknown {
			return false, false
		}
		return a == abi, true
	})
}

// fileNamesMade counts the indexes namesOf made, for a test.
var fileNamesMade atomic.Int64
