package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/suppress"
)

var NotUniversalReady = register(&Rule{
	Code:     codeNotUniversal,
	Name:     "not-universal-ready",
	Severity: diag.Warning,
	Summary:  "An extension built universal on PyPy and GraalPy still has CPython code to port",
	Doc: Doc{
		What:    "Reports, once per HPy extension whose ABI depends on the interpreter (hpy.devel's default, or `'cpython' if CPython else 'universal'` written out: cpython on CPython, universal on PyPy and GraalPy), the places that keep it from building universal: CPython API references (HPY201), CPython headers (HPY202), HPy's legacy features (HPY203) and NumPy's C API (HPY208, which needs CPython objects). The finding is at the extension's declaration, with the count, the first place, and every place as a related location (`--format json` and `sarif` list them; the editor shows each in the open file, at information severity). The CLI does not report those places one by one for such an extension.",
		Why:     "On CPython the extension builds with the cpython ABI, where CPython references are allowed, so they are not errors of the build you run; but the same sources do not build (or do not load) on PyPy and GraalPy. That is one fact about the extension, not hundreds of errors: how far it is from universal.",
		Example: "setup(\n    hpy_ext_modules=[Extension('pkg._mod', sources=['mod.c'])],   # HPY209: 12 places to port (first: mod.c:8)\n    hpy_abi='cpython' if sys.implementation.name == 'cpython' else 'universal',\n)",
		Fix:     "Port the listed places to HPy, or pin the ABI to hybrid, which builds the legacy code on every interpreter: `hpy_abi='hybrid'` in `setup()` (the fix does this where one expression there decides the ABI), `hpy_abi = hybrid` under `[global]` in setup.cfg, or `--hpy-abi=hybrid` on the build command.",
	},
	Run: runNotUniversalReady,
})

// blocker is one place that keeps an extension from building universal,
// with its note: a related place of the extension's finding, as it is.
type blocker = diag.Related

func runNotUniversalReady(pass *Pass) {
	tables := pass.carry().legacyTables(pass)
	sup := suppressions{}
	for _, e := range hpyExtensions(pass) {
		if !e.ABI.Dynamic {
			continue
		}
		// The places are found in e's sources and the headers they reach,
		// asking whether names are CPython's or NumPy's, which tables are
		// legacy ones and whether the project is NumPy.
		inputs := func() []string { return pass.carry().blockerInputs(e) }
		pass.scoped(extensionScope(e), inputs, readsNames|readsTables|readsNumPyItself, func() {
			bs := mergeBlockers(extensionBlockers(pass, e, tables, sup))
			if len(bs) == 0 {
				return
			}
			first := firstInSources(e, bs)
			places := fmt.Sprintf("%d places are ported", len(bs))
			if len(bs) == 1 {
				places = "1 place is ported"
			}
			fixes := pinFixes(pass, e)
			msg := fmt.Sprintf("%s cannot build on PyPy/GraalPy until %s (first: %s:%s), or until its ABI is pinned to hybrid", e.Name, places, first.Path, pass.Line(first))
			if len(fixes) == 0 {
				msg += " (`hpy_abi='hybrid'` in setup(), `hpy_abi = hybrid` under [global] in setup.cfg, or `--hpy-abi=hybrid` on the build command)"
			}
			msg += fmt.Sprintf(" [ABI: %s]", e.ABI.Describe(pass.Line))
			d := pass.Diagnostic(e.NameLocation(), "%s", msg)
			d.Fixes = fixes
			d.Related = bs // made for this finding alone (mergeBlockers)
			pass.Emit(d)
		})
	}
}

// mergeBlockers puts the places of the lists together in file order,
// those at one place in the order found: what a stable sort by file and
// place of the lists one after the other gives, in a new list. A file's
// places are found together, each file's list kept in place order
// (Carry.fileBlockers): the files are put in order and each file's places
// copied once, rather than sorting numpy-hpy's 11,000 as one list on
// every key.
func mergeBlockers(lists [][]blocker) []blocker {
	type file struct {
		path  string
		parts [][]blocker // its places, in the order found
	}
	var files []*file
	byPath := map[string]*file{}
	total := 0
	for _, l := range lists {
		total += len(l)
		for i := 0; i < len(l); {
			path := l[i].Location.Path
			j := i + 1
			for j < len(l) && l[j].Location.Path == path {
				j++
			}
			f := byPath[path]
			if f == nil {
				f = &file{path: path}
				byPath[path] = f
				files = append(files, f)
			}
			f.parts = append(f.parts, l[i:j])
			i = j
		}
	}
	slices.SortFunc(files, func(a, b *file) int { return strings.Compare(a.path, b.path) })
	byStart := func(x, y blocker) int { return cmp.Compare(x.Location.Span.Start, y.Location.Span.Start) }
	out := make([]blocker, 0, total)
	for _, f := range files {
		from := len(out)
		for _, part := range f.parts {
			out = append(out, part...)
		}
		if mine := out[from:]; !slices.IsSortedFunc(mine, byStart) {
			slices.SortStableFunc(mine, byStart)
		}
	}
	return out
}

// firstInSources is the place to name first: the earliest in the first
// source, in the order the build lists them, that has one (where a porter
// starts, rather than a header some source includes); else the first.
func firstInSources(e *model.Extension, bs []blocker) source.Location {
	for _, u := range e.Units {
		for _, b := range bs {
			if b.Location.Path == u.Path {
				return b.Location
			}
		}
	}
	return bs[0].Location
}

// extensionBlockers lists, in lists by file, what HPY201, HPY202, HPY203
// and HPY208 find in the sources of e and the project headers they
// include, each place once, leaving out the places whose own finding is
// suppressed.
func extensionBlockers(pass *Pass, e *model.Extension, tables legacyTables, sup suppressions) [][]blocker {
	// The lists are put together once: numpy-hpy's 11,000 places grew one
	// list a dozen times over on every key.
	var lists [][]blocker
	var out []blocker
	// numpy-hpy has 11,000 references to a few hundred names.
	refNotes := map[string]string{}
	seen := map[*model.Unit]bool{}
	numpyItself := pass.carry().implementsNumPyAPI()
	for _, u := range e.Units {
		if !isHPySource(u) {
			continue
		}
		if chains := pythonHChains(pass, u); len(chains) > 0 {
			note := chains[0].header + " included"
			if len(chains[0].steps) > 1 {
				note += " through " + hops(pass, chains[0].steps[1:])
			}
			out = sup.add(out, pass, u, codePythonH, chains[0].steps[0].Span, note)
		}
		for f := range sourceAndHeaders(u, pass.carry().universalHeaders(u)) {
			if f.Facts == nil || seen[f] || generatedShim(f) {
				continue
			}
			seen[f] = true
			if len(out) > 0 {
				lists, out = append(lists, out), nil
			}
			lists = append(lists, pass.carry().fileBlockers(pass, f, u, tables, func() []blocker {
				return fileBlockersOf(pass, f, u, tables, sup, refNotes, numpyItself)
			}))
		}
	}
	return append(lists, out)
}

// fileBlockersOf are the places of f, compiled by the source u, that
// extensionBlockers lists: CPython references, legacy features, NumPy C
// API uses (unless the project is NumPy), each kind in file order.
func fileBlockersOf(pass *Pass, f, u *model.Unit, tables legacyTables, sup suppressions, refNotes map[string]string, numpyItself bool) []blocker {
	var out []blocker
	for _, ref := range cpythonRefs(pass, f, u, tables) {
		note, ok := refNotes[ref.Name]
		if !ok {
			note = cpythonRefNote(ref) + " (" + codeCPythonSymbol + ")"
			refNotes[ref.Name] = note
		}
		if !sup.covers(pass, f, codeCPythonSymbol, ref.Span.Start) {
			out = append(out, blocker{Location: source.Location{Path: f.Path, Span: ref.Span}, Message: note})
		}
	}
	for _, lf := range legacyFeatures(pass, u, f) {
		out = sup.add(out, pass, f, codeLegacyFeature, lf.span, lf.name+" needs the hybrid ABI")
	}
	if !numpyItself {
		for _, use := range numpyAPIUses(pass, f, u) {
			out = sup.add(out, pass, f, codeNumPyAPI, use.span, use.name+": NumPy's C API, CPython objects underneath")
		}
	}
	return out
}

// pinFixes replaces the interpreter-dependent expression that decides e's
// ABI with 'hybrid', where that one expression decides it for setup().
func pinFixes(pass *Pass, e *model.Extension) []diag.Fix {
	ev := e.ABI.Evidence
	if ev == nil {
		return nil
	}
	cfg := pass.Project.Config(ev.Path)
	f := pass.Project.Snapshot.File(ev.Path)
	if cfg == nil || f == nil || ev.Span.End > len(f.Content) {
		return nil
	}
	pinnable := false
	for _, s := range cfg.ABI {
		pinnable = pinnable || s.Span == ev.Span && s.Pinnable
	}
	if !pinnable {
		return nil
	}
	quote := "'"
	if text := string(f.Content[ev.Span.Start:ev.Span.End]); strings.Contains(text, `"`) && !strings.Contains(text, "'") {
		quote = `"`
	}
	return []diag.Fix{{
		Title: fmt.Sprintf("Pin the ABI to hybrid (%s:%s)", ev.Path, pass.Line(*ev)),
		Edits: []diag.Edit{{Path: ev.Path, Span: ev.Span, NewText: quote + "hybrid" + quote}},
	}}
}

// suppressions are the hpylint: ignore comments of the files HPY209 looks
// at, read once per run: a place whose own finding (HPY201, HPY202,
// HPY203) the user suppressed is not counted. The suppression is still
// used by that finding, which the engine drops.
type suppressions map[*model.Unit][]suppress.Directive

// add appends to bs the place at span of u, which the finding code
// would report, unless its finding is suppressed there.
func (s suppressions) add(bs []blocker, pass *Pass, u *model.Unit, code string, span source.Span, note string) []blocker {
	if s.covers(pass, u, code, span.Start) {
		return bs
	}
	return append(bs, blocker{Location: source.Location{Path: u.Path, Span: span}, Message: note + " (" + code + ")"})
}

func (s suppressions) covers(pass *Pass, u *model.Unit, code string, off int) bool {
	if !pass.carry().SpeaksToHPylint(u.Facts) {
		return false // no comment to hpylint, no directive
	}
	p := pass.Project
	dirs, ok := s[u]
	if !ok {
		dirs, _ = suppress.Parse(u.Path, u.File.Content, u.Facts.Comments, func(c string) bool { return Lookup(c) != nil })
		s[u] = dirs
	}
	if len(dirs) == 0 {
		return false
	}
	line := p.Lines(u.Path).Line(off)
	name := ""
	if r := Lookup(code); r != nil {
		name = r.Name
	}
	for _, d := range dirs {
		if !d.File && d.Line != line {
			continue
		}
		for _, c := range d.Codes {
			if strings.EqualFold(c.Text, code) || strings.EqualFold(c.Text, name) {
				return true
			}
		}
	}
	return false
}
