// Package defindex finds, on demand, which of a project's C and C++ files
// that no rule parsed define a name: a byte sieve over their text points
// at the few files, and the items in them, that may, and only those are
// parsed.
package defindex

import (
	"crypto/sha256"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Parsed is a file the sieve pointed at, or one top-level item of it, with
// its facts.
type Parsed struct {
	Path  string
	File  *source.File
	Facts *cfacts.Facts
	// Base is where the parsed text starts in File.Content: the facts'
	// offsets are relative to it (0 for a whole file).
	Base int
}

// Index is built on the first Find and answers every later one; safe for
// concurrent use.
type Index struct {
	files []*source.File
	parse func(*source.File) *cfacts.Facts

	once sync.Once
	// byName maps a name the sieve found to where it may be defined;
	// byStem maps the identifiers among HPy macro arguments, from which
	// the macros paste the names they define.
	byName, byStem map[string][]ref

	mu     sync.Mutex
	parsed map[ref]*parsedText // whole files have an empty item
}

// ref is an item of a file (an index in files).
type ref struct {
	file int32
	item source.Span
}

type parsedText struct {
	once  sync.Once
	facts *cfacts.Facts
}

// New indexes files (not yet: on the first Find). parse returns the facts
// of a file, or of a part of one (a File with the same Path), nil when it
// cannot be analysed; it is called at most once per text asked for.
func New(files []*source.File, parse func(*source.File) *cfacts.Facts) *Index {
	return &Index{files: files, parse: parse, parsed: map[ref]*parsedText{}}
}

// FindItem parses, one by one, the top-level items (a declaration, a
// function, a #define line) whose text may define name, and returns the
// first for which defines holds; those of headers first, then of smaller
// files, since a declaration there usually settles it. Items that could
// not be parsed are skipped.
func (x *Index) FindItem(name string, defines func(Parsed) bool) (Parsed, bool) {
	refs := x.candidates(name)
	var items []ref
	for k, r := range refs {
		if k == 0 || refs[k-1] != r {
			items = append(items, r)
		}
	}
	return x.first(items, defines)
}

// FindAllItems is FindItem returning every item for which defines holds.
func (x *Index) FindAllItems(name string, defines func(Parsed) bool) []Parsed {
	var out []Parsed
	x.FindItem(name, func(p Parsed) bool {
		if defines(p) {
			out = append(out, p)
		}
		return false
	})
	return out
}

// WholeFile is the file an item was found in, parsed whole: the call
// graph needs the helpers a definition calls, and the file's sites.
func (x *Index) WholeFile(item Parsed) (Parsed, bool) {
	for i, f := range x.files {
		if f == item.File {
			if facts := x.factsOf(ref{file: int32(i)}); facts != nil {
				return Parsed{Path: f.Path, File: f, Facts: facts}, true
			}
		}
	}
	return Parsed{}, false
}

func (x *Index) first(refs []ref, defines func(Parsed) bool) (Parsed, bool) {
	for _, r := range refs {
		if f := x.factsOf(r); f != nil {
			p := Parsed{Path: x.files[r.file].Path, File: x.files[r.file], Facts: f, Base: r.item.Start}
			if defines(p) {
				return p, true
			}
		}
	}
	return Parsed{}, false
}

// candidates lists where name may be defined, in the order to parse.
func (x *Index) candidates(name string) []ref {
	if x == nil || len(x.files) == 0 {
		return nil
	}
	x.once.Do(x.build)
	refs := append([]ref(nil), x.byName[name]...)
	// HPyType_HELPERS(PyFoo) defines PyFoo_AsStruct, HPyDef_METH(sym, ...)
	// sym_impl: the items naming a part of name in such a macro.
	for i := 0; i < len(name); i++ {
		if name[i] == '_' {
			refs = append(refs, x.byStem[name[:i]]...)
			refs = append(refs, x.byStem[name[i+1:]]...)
		}
	}
	sort.Slice(refs, func(i, j int) bool {
		a, b := refs[i], refs[j]
		if a.file != b.file {
			return x.before(a.file, b.file)
		}
		return a.item.Start < b.item.Start
	})
	return refs
}

func (x *Index) factsOf(r ref) *cfacts.Facts {
	x.mu.Lock()
	p := x.parsed[r]
	if p == nil {
		p = &parsedText{}
		x.parsed[r] = p
	}
	x.mu.Unlock()
	p.once.Do(func() {
		f := x.files[r.file]
		if r.item != (source.Span{}) {
			f = &source.File{Path: f.Path, Content: f.Content[r.item.Start:r.item.End]}
		}
		p.facts = x.parse(f)
	})
	return p.facts
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

// build sieves every file, a worker per core, unless the same files were
// indexed last time (the language server makes a project per keystroke,
// over files that did not change).
func (x *Index) build() {
	sort.Slice(x.files, func(i, j int) bool { return x.files[i].Path < x.files[j].Path })
	key := filesKey(x.files)
	built.Lock()
	b, ok := built.m[key]
	built.Unlock()
	if ok {
		x.byName, x.byStem = b.byName, b.byStem
		return
	}
	x.sieveAll()
	built.Lock()
	if len(built.m) >= builtMax {
		clear(built.m)
	}
	built.m[key] = builtMaps{x.byName, x.byStem}
	built.Unlock()
}

// built keeps the maps of the last few indexes, by filesKey; they are
// never written once built.
var built = struct {
	sync.Mutex
	m map[[32]byte]builtMaps
}{m: map[[32]byte]builtMaps{}}

const builtMax = 4

type builtMaps struct{ byName, byStem map[string][]ref }

// filesKey identifies a sorted list of files by their paths and contents.
func filesKey(files []*source.File) [32]byte {
	h := sha256.New()
	for _, f := range files {
		sum := f.Hash()
		h.Write([]byte(f.Path))
		h.Write([]byte{0})
		h.Write(sum[:])
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}

func (x *Index) sieveAll() {
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
	x.byName, x.byStem = map[string][]ref{}, map[string][]ref{}
	for i, r := range results {
		for _, h := range r.names {
			x.byName[h.name] = appendOnce(x.byName[h.name], ref{int32(i), h.item})
		}
		for _, h := range r.stems {
			x.byStem[h.name] = appendOnce(x.byStem[h.name], ref{int32(i), h.item})
		}
	}
}

func appendOnce(refs []ref, r ref) []ref {
	if len(refs) > 0 && refs[len(refs)-1] == r {
		return refs
	}
	return append(refs, r)
}

// sieved is what the sieve found in one file.
type sieved struct{ names, stems []hit }

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
	for _, n := range mayDefine(f.Content) {
		if stem, ok := strings.CutPrefix(n.name, stemMark); ok {
			r.stems = append(r.stems, hit{name: stem, item: n.item})
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
