package model

import (
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/buildcfg"

	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// ResolveInclude finds the project file an #include of unit u names: for
// "x.h" first beside the including file, then in the include directories of
// the extensions that compile u; <x.h> only in those directories. It returns
// nil for headers outside the project (hpy.h, Python.h from the system).
func (p *Project) ResolveInclude(u *Unit, inc cfacts.Include) *Unit {
	return p.resolveIn(u, u, inc)
}

// resolveIn resolves an include written in cur with the include
// directories of dirsOf. Answers are remembered for the run: rules follow
// the same includes again and again, and joining and cleaning paths was a
// good part of their cost.
func (p *Project) resolveIn(cur, dirsOf *Unit, inc cfacts.Include) *Unit {
	if inc.Path == "" || path.IsAbs(inc.Path) {
		return nil
	}
	dirs := p.includeDirs(dirsOf)
	key := resolveKey{dir: path.Dir(cur.Path), dirs: dirs.key, include: inc.Path, system: inc.System}
	return p.resolutions.includes.of(key, func() *Unit { return p.lookUpInclude(key.dir, dirs.list, inc) })
}

func (p *Project) lookUpInclude(dir string, dirs []string, inc cfacts.Include) *Unit {
	if !inc.System {
		if h := p.addUnit(path.Join(dir, inc.Path)); h != nil {
			return h
		}
	}
	for _, d := range dirs {
		if h := p.addUnit(path.Join(d, inc.Path)); h != nil {
			return h
		}
	}
	return nil
}

// resolveKey is what an include's resolution depends on: the including
// file's directory, the include directories in force and the include.
type resolveKey struct {
	dir, dirs, include string
	system             bool
}

// resolutions remembers resolveIn's answers; includeDirs those of
// includeDirs. A project is made once per snapshot, whose files do not
// change.
type resolutions struct {
	includes answers[resolveKey, *Unit]
	dirs     answers[*Unit, includeDirList]
}

// includeDirList is a unit's include directories, and the same joined
// into one string to key resolutions with.
type includeDirList struct {
	list []string
	key  string
}

// includeDirs are the -I directories that apply to u, as snapshot paths.
func (p *Project) includeDirs(u *Unit) includeDirList {
	if len(u.Extensions) == 0 {
		return includeDirList{}
	}
	return p.resolutions.dirs.of(u, func() includeDirList {
		var d includeDirList
		for _, e := range u.Extensions {
			for _, dir := range e.Decl.IncludeDirs {
				d.list = append(d.list, SourcePath(e.Config.Path, dir.Value))
			}
		}
		d.key = strings.Join(d.list, "\x00")
		return d
	})
}

// Headers returns the project headers u includes, directly or not, each
// once, in the order they are first reached. Headers inherit the include
// directories of the unit that reaches them.
func (p *Project) Headers(u *Unit) []*Unit {
	if !p.resolved {
		return p.headersOf(u) // facts still arriving: no memo yet
	}
	p.headerMemo.Lock()
	defer p.headerMemo.Unlock()
	if hs, ok := p.headerMemo.m[u]; ok {
		return hs
	}
	hs, ok := p.keptHeaders(u)
	if !ok {
		hs = p.headersOf(u)
	}
	if p.headerMemo.m == nil {
		p.headerMemo.m = map[*Unit][]*Unit{}
	}
	p.headerMemo.m[u] = hs
	return hs
}

// headerMemo remembers each unit's headers once facts are final: several
// rules (and every variable lookup) ask for them.
type headerMemo struct {
	sync.Mutex
	m map[*Unit][]*Unit
	// prev is the project whose answers are taken where they still
	// hold (KeepHeaders), nil for none.
	prev *Project
}

// headersKept counts the answers taken from the project before, for a
// test.
var headersKept atomic.Int64

func (p *Project) headersOf(u *Unit) []*Unit {
	// An include in the #else of #ifdef HPY is not part of an HPy build.
	return p.HeadersWhere(u, func(f *cfacts.Facts, inc cfacts.Include) bool {
		return p.CompiledWithHPY(u, f, inc.Span.Start)
	})
}

// resolveFor resolves an include of cur (a header reached from root) with
// root's include directories, since a header is compiled as part of root.
func (p *Project) resolveFor(root, cur *Unit, inc cfacts.Include) *Unit {
	if root == cur || len(cur.Extensions) > 0 {
		return p.ResolveInclude(cur, inc)
	}
	return p.resolveIn(cur, root, inc)
}

// FindVariable looks for a variable of HPy's definition types visible in u:
// in u itself, then in the project headers it includes.
func (p *Project) FindVariable(u *Unit, name string) *cfacts.Variable {
	if u.Facts != nil {
		if v := u.Facts.FirstVariable(name); v != nil {
			return v
		}
	}
	for _, h := range p.Headers(u) {
		if h.Facts == nil {
			continue
		}
		if v := h.Facts.FirstVariable(name); v != nil {
			return v
		}
	}
	return nil
}

// FollowsIncludes says whether the headers a unit includes are worth
// parsing: only for HPy code (a source of an HPy extension, HPy code on its
// own, or a header reached from one). A CPython module that merely defines
// PyInit_ needs its own facts, not those of numpy's headers.
func (p *Project) FollowsIncludes(u *Unit) bool {
	for _, e := range u.Extensions {
		if e.HPy || e.Decl.Kind == buildcfg.NativeTarget && e.mayUseHPy(p.Scans) {
			return true
		}
	}
	return u.Facts != nil && (len(u.Facts.Macros) > 0 || p.Scans.Of(u.File).HPyCode)
}

// HeadersWhere is Headers, following only the includes keep accepts: the
// headers a build reaches when some #if branches are known not to be
// compiled (an #else of #ifdef HPY_ABI_UNIVERSAL in a universal build).
// Not remembered: the answer depends on keep.
func (p *Project) HeadersWhere(u *Unit, keep func(f *cfacts.Facts, inc cfacts.Include) bool) []*Unit {
	var out []*Unit
	seen := map[*Unit]bool{u: true}
	queue := []*Unit{u}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur.Facts == nil {
			continue
		}
		for _, inc := range cur.Facts.Includes {
			if !keep(cur.Facts, inc) {
				continue
			}
			h := p.resolveFor(u, cur, inc)
			if h == nil || seen[h] {
				continue
			}
			seen[h] = true
			out = append(out, h)
			queue = append(queue, h)
		}
	}
	return out
}
