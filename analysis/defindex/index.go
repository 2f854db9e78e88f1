// Package defindex finds, on demand, which of a project's C and C++ files
// that no rule parsed define a name: a byte sieve over their text points
// at the few files that may, and only those are parsed.
package defindex

import (
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Parsed is a file the sieve pointed at, with its facts.
type Parsed struct {
	Path  string
	File  *source.File
	Facts *cfacts.Facts
}

// Index is built on the first Find and answers every later one; safe for
// concurrent use.
type Index struct {
	files []*source.File
	parse func(*source.File) *cfacts.Facts

	once sync.Once
	// byName maps a name the sieve found to the files (indexes in files)
	// that may define it; byStem maps the identifiers among HPy macro
	// arguments, from which the macros paste the names they define.
	byName, byStem map[string][]int32

	mu     sync.Mutex
	parsed map[int32]*parsedFile
}

type parsedFile struct {
	once  sync.Once
	facts *cfacts.Facts
}

// New indexes files (not yet: on the first Find). parse returns a file's
// facts, nil when it cannot be analysed; it is called at most once per file.
func New(files []*source.File, parse func(*source.File) *cfacts.Facts) *Index {
	return &Index{files: files, parse: parse, parsed: map[int32]*parsedFile{}}
}

// Find parses, one by one, the files whose text may define name, and
// returns the first for which defines holds; headers first, smaller files
// first, since a declaration there usually settles it. Files that could
// not be parsed are skipped.
func (x *Index) Find(name string, defines func(Parsed) bool) (Parsed, bool) {
	if x == nil || len(x.files) == 0 {
		return Parsed{}, false
	}
	x.once.Do(x.build)
	ids := append([]int32(nil), x.byName[name]...)
	// HPyType_HELPERS(PyFoo) defines PyFoo_AsStruct, HPyDef_METH(sym, ...)
	// sym_impl: the files naming a part of name in such a macro.
	for i := 0; i < len(name); i++ {
		if name[i] == '_' {
			ids = append(ids, x.byStem[name[:i]]...)
			ids = append(ids, x.byStem[name[i+1:]]...)
		}
	}
	if len(ids) == 0 {
		return Parsed{}, false
	}
	sort.Slice(ids, func(i, j int) bool { return x.before(ids[i], ids[j]) })
	for k, id := range ids {
		if k > 0 && ids[k-1] == id {
			continue
		}
		if f := x.factsOf(id); f != nil {
			p := Parsed{Path: x.files[id].Path, File: x.files[id], Facts: f}
			if defines(p) {
				return p, true
			}
		}
	}
	return Parsed{}, false
}

// before orders the files to parse: headers, then smaller files, then by path.
func (x *Index) before(a, b int32) bool {
	fa, fb := x.files[a], x.files[b]
	if ha, hb := isHeader(fa.Path), isHeader(fb.Path); ha != hb {
		return ha
	}
	if len(fa.Content) != len(fb.Content) {
		return len(fa.Content) < len(fb.Content)
	}
	return a < b
}

func isHeader(p string) bool {
	ext := path.Ext(p)
	return ext == ".h" || ext == ".hpp" || ext == ".hh" || ext == ".hxx"
}

func (x *Index) factsOf(id int32) *cfacts.Facts {
	x.mu.Lock()
	p := x.parsed[id]
	if p == nil {
		p = &parsedFile{}
		x.parsed[id] = p
	}
	x.mu.Unlock()
	p.once.Do(func() { p.facts = x.parse(x.files[id]) })
	return p.facts
}

// build sieves every file, a worker per core.
func (x *Index) build() {
	sort.Slice(x.files, func(i, j int) bool { return x.files[i].Path < x.files[j].Path })
	results := make([]sieved, len(x.files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.NumCPU(), len(x.files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = sieveCached(x.files[i])
			}
		}()
	}
	for i := range x.files {
		next <- i
	}
	close(next)
	wg.Wait()
	x.byName, x.byStem = map[string][]int32{}, map[string][]int32{}
	for i, r := range results {
		for _, n := range r.names {
			x.byName[n] = appendOnce(x.byName[n], int32(i))
		}
		for _, n := range r.stems {
			x.byStem[n] = appendOnce(x.byStem[n], int32(i))
		}
	}
}

func appendOnce(ids []int32, id int32) []int32 {
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return ids
	}
	return append(ids, id)
}

// sieved is what the sieve found in one file.
type sieved struct{ names, stems []string }

// sieveCache keeps each content's sieve: the language server builds a
// project, and so an index, on every keystroke, over files that rarely
// change. Bounded by dropping everything when full.
var sieveCache = struct {
	sync.Mutex
	m map[[32]byte]sieved
}{m: map[[32]byte]sieved{}}

const sieveCacheMax = 1 << 14

func sieveCached(f *source.File) sieved {
	h := f.Hash()
	sieveCache.Lock()
	r, ok := sieveCache.m[h]
	sieveCache.Unlock()
	if ok {
		return r
	}
	names := mayDefine(f.Content)
	r = sieved{}
	for _, n := range names {
		if stem, ok := strings.CutPrefix(n, stemMark); ok {
			r.stems = append(r.stems, stem)
		} else {
			r.names = append(r.names, n)
		}
	}
	sieveCache.Lock()
	if len(sieveCache.m) >= sieveCacheMax {
		clear(sieveCache.m)
	}
	sieveCache.m[h] = r
	sieveCache.Unlock()
	return r
}
