package rules

import (
	"sort"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/cpyapi"
	"github.com/hpyproject/hpylint/analysis/model"
)

// What the universal-ABI rules share: which code a universal build
// compiles, file by file.

// universalFiles lists each universal source followed by the project
// headers it includes, each file once, with the source that reaches it;
// worked out once per run (four rules read it).
func universalFiles(pass *Pass) []reached {
	c := pass.carry()
	c.universalOnce.Do(func() { c.universal, c.universalListed = universalFilesOf(pass), true })
	return c.universal
}

func universalFilesOf(pass *Pass) []reached {
	sources := universalSources(pass)
	c := pass.carry()
	if out, ok := c.keptUniversalFiles(sources); ok {
		return out
	}
	universalWalks.Add(1)
	// Sized for a header or so a source: grown as found, the list and the
	// set cost a third of the walk in a workspace of 2,000 files.
	out := make([]reached, 0, 2*len(sources))
	seen := make(map[*model.Unit]bool, 2*len(sources))
	for _, u := range sources {
		for f := range sourceAndHeaders(u, c.universalHeaders(u)) {
			if f.Facts == nil || seen[f] || generatedShim(f) {
				continue
			}
			seen[f] = true
			out = append(out, reached{file: f, from: u})
		}
	}
	c.keepUniversalFiles(sources, out)
	return out
}

// universalHeadersOf are the project headers a universal build of u
// includes: an include in a branch that build does not compile (the #else
// of #ifdef HPY_ABI_UNIVERSAL) is not followed.
func universalHeadersOf(p *model.Project, u *model.Unit) []*model.Unit {
	return p.HeadersWhere(u, func(f *cfacts.Facts, inc cfacts.Include) bool {
		return compiledInUniversal(p, u, f, inc.Span.Start)
	})
}

type reached struct {
	file *model.Unit // a source or a header
	from *model.Unit // the universal source that compiles it
}

// compiledInUniversal reports whether code at off of facts (the source
// from, or a header it includes) survives the preprocessor in a universal
// build, judging #ifdef HPY_ABI_* regions, where the build defines HPY
// or surely does not (model.HPYDefined) #ifdef HPY regions, and #ifndef
// regions of macros the source defines before its includes.
func compiledInUniversal(p *model.Project, from *model.Unit, f *cfacts.Facts, off int) bool {
	return compiledInUniversalTU(p, from, f, off, false)
}

// compiledInUniversalTU is compiledInUniversal, knowing too, when
// pythonFree says from's translation unit includes no Python header
// (Carry.pythonFree), that the macros only those define are undefined:
// `#if defined(PYPY_VERSION_NUM) && ...` is not compiled.
func compiledInUniversalTU(p *model.Project, from *model.Unit, f *cfacts.Facts, off int, pythonFree bool) bool {
	hpyDefined, hpyKnown := p.HPYDefined(from)
	return f.Compiled(off, func(macro string) (bool, bool) {
		if macro == "HPY" {
			return hpyDefined, hpyKnown
		}
		if pythonFree && cpyapi.IsPythonHeaderMacro(macro) {
			return false, true
		}
		abi := buildcfg.ParseABI(macro)
		if abi != buildcfg.ABIUnknown {
			return abi == buildcfg.ABIUniversal, true
		}
		// A macro the source defines to configure its headers decides
		// their #ifndef regions; nothing else is known.
		return true, p.DefinedBeforeIncludes(from, macro, off, f == from.Facts)
	})
}

// inPyInit reports whether off lies in a PyInit_ function, which HPY104 and
// HPY206 report as a whole.
// Functions are in file order and a PyInit_ is at file scope: the only
// candidate is the last function starting at or before off.
func inPyInit(f *cfacts.Facts, off int) bool {
	j := sort.Search(len(f.Functions), func(i int) bool { return f.Functions[i].Span.Start > off }) - 1
	if j < 0 {
		return false
	}
	fn := &f.Functions[j]
	return strings.HasPrefix(fn.Name, "PyInit_") && len(fn.Name) > len("PyInit_") && fn.Span.Contains(off)
}
