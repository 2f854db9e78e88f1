package rules

import (
	"bytes"
	"path"
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/source"
)

// What HPY105, HPY106 and HPY206 share: where hpylint's CPython entrypoint
// shim lives and the edits that put it in place. The header is looked up in
// the snapshot, not among the units: a header nothing includes yet is never
// parsed, and the fix that writes it must still see it on the next run.

// entrypointMacro is the shim's file-scope macro, read as a MacroCall.
const entrypointMacro = "HPY_CPYTHON_ENTRYPOINT"

// shimHeaderPath is where the fix writes the header: beside the source.
func shimHeaderPath(u *model.Unit) string {
	return path.Join(path.Dir(u.Path), shim.HeaderName)
}

// headerState classifies the file at a shim header path.
type headerState int

const (
	headerMissing headerState = iota
	headerCurrent             // this hpylint's output, unedited
	headerStale               // an older hpylint's output, unedited
	headerEdited              // hpylint's output, edited since
	headerNewer               // a newer hpylint's output
	headerForeign             // a file of that name hpylint did not write
)

// The marker of the header this hpylint writes, computed once: the usual
// header on disk is that header (up to line endings and blank lines at the
// end, which shim.IsCurrent ignores as the hash does), and recognising it
// by its bytes spares a parse on every run (the language server runs on
// every keystroke).
var currentMarker = sync.OnceValue(func() shim.Marker { m, _ := shim.ReadMarker(shim.Header()); return m })

func readShimHeader(p *model.Project, headerPath string) (headerState, shim.Marker) {
	f := p.Snapshot.File(headerPath)
	if f == nil {
		return headerMissing, shim.Marker{}
	}
	if shim.IsCurrent(f.Content) {
		return headerCurrent, currentMarker()
	}
	m, ok := shim.ReadMarker(f.Content)
	switch {
	case !ok:
		return headerForeign, m
	case !m.HashOK:
		return headerEdited, m
	case m.Version > shim.Version:
		return headerNewer, m
	case m.Version < shim.Version:
		return headerStale, m
	}
	return headerCurrent, m
}

// createHeaderEdit writes the header as a new file (an edit on a path that
// does not exist creates it).
func createHeaderEdit(headerPath string) diag.Edit {
	return diag.Edit{Path: headerPath, NewText: shim.HeaderText()}
}

// useLinesEdit inserts the #include and HPY_CPYTHON_ENTRYPOINT(name) on the
// line after the HPy_MODINIT invocation, in the file's own line endings.
func useLinesEdit(u *model.Unit, modinit cfacts.MacroCall, name string) diag.Edit {
	content := u.File.Content
	at, eol := lineEndAfter(content, modinit.Span.End)
	text := shim.UseLines(name)
	if eol == "\r\n" || eol == "\r" {
		text = strings.ReplaceAll(text, "\n", eol)
	}
	if at == len(content) && (len(content) == 0 || content[len(content)-1] != '\n' && content[len(content)-1] != '\r') {
		// HPy_MODINIT ends the file without a newline.
		if eol == "" {
			eol = "\n"
		}
		text = eol + text
	}
	return diag.Edit{Path: u.Path, Span: source.Span{Start: at, End: at}, NewText: text}
}

// lineEndAfter returns the offset just past the newline that ends the line
// holding off, and that newline ("\n", "\r\n", a lone "\r" in an old Mac
// file, or "" at the end of file).
func lineEndAfter(content []byte, off int) (int, string) {
	i := bytes.IndexAny(content[off:], "\r\n")
	if i < 0 {
		return len(content), ""
	}
	nl := off + i
	if end := ctoken.SkipLineEnd(content, nl); end > nl {
		return end, string(content[nl:end])
	}
	return nl + 1, "\n"
}

// shimInsertEdits are the edits that give a source the shim: the header when
// it does not exist yet, then the two lines after HPy_MODINIT. ok is false
// when a file of the header's name exists that hpylint did not write: the
// #include would pull in that file instead.
func shimInsertEdits(p *model.Project, u *model.Unit, modinit cfacts.MacroCall, name string) (edits []diag.Edit, ok bool) {
	hp := shimHeaderPath(u)
	switch st, _ := readShimHeader(p, hp); st {
	case headerForeign:
		return nil, false
	case headerMissing:
		edits = append(edits, createHeaderEdit(hp))
	}
	return append(edits, useLinesEdit(u, modinit, name)), true
}

// modinitCalls are the current-form HPy_MODINIT(name, def) invocations of a
// unit; the one-argument 0.0.4 form has no shim (HPY108 reports it).
func modinitCalls(u *model.Unit) []cfacts.MacroCall {
	var out []cfacts.MacroCall
	for _, m := range u.Facts.Modinits() {
		if m.Args.Len() >= 2 && m.Arg(0).Text != "" {
			out = append(out, m)
		}
	}
	return out
}

// binaryUnits are the parsed files linked into the same binary as u: the
// sources of its HPy extensions, or u alone when no build config claims it.
func binaryUnits(u *model.Unit) []*model.Unit {
	var out []*model.Unit
	seen := map[*model.Unit]bool{}
	for _, e := range u.Extensions {
		if !e.HPy {
			continue
		}
		for _, s := range e.Units {
			if !seen[s] && s.Facts != nil {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		out = append(out, u)
	}
	return out
}

// shimCapable reports whether the unit is built with an ABI where HPy_MODINIT
// defines no PyInit_, which is where the shim (or a PyInit_) matters.
func shimCapable(p *model.Project, u *model.Unit) (model.ABIDecision, bool) {
	d := unitABI(p, u)
	return d, d.ABI == buildcfg.ABIUniversal || d.ABI == buildcfg.ABIHybrid
}

// compiledIn reports whether code at off survives the preprocessor in a
// build of the given ABI, judging #ifdef HPY_ABI_* regions.
func compiledIn(f *cfacts.Facts, off int, abi buildcfg.ABI) bool {
	return f.Compiled(off, func(macro string) (bool, bool) {
		a := buildcfg.ParseABI(macro)
		if a == buildcfg.ABIUnknown {
			return false, false
		}
		return a == abi, true
	})
}

// generatedShim reports whether a parsed file is hpylint's shim header (its
// first comment carries the marker). The shim talks to CPython on purpose,
// through names it resolves at run time and passes to macros as plain
// tokens (HPYSHIM_LOAD_DATA(PyExc_ImportError)): the universal-ABI rules
// must not read those as link-time references. The compile tests in
// analysis/shim check that it has no undefined Py* symbol.
func generatedShim(u *model.Unit) bool {
	if u.Facts == nil || len(u.Facts.Comments) == 0 {
		return false
	}
	// The marker first, remembered by the facts: rules ask this of every
	// file on every key, and a port's first comment is often a licence of
	// a few kilobytes. The text before the comment is not in the facts.
	first := u.Facts.Comments[0]
	return u.Facts.Trait(markedAsShim, func() bool { return strings.Contains(first.Text, shim.GeneratedMarker) }) &&
		len(bytes.TrimSpace(u.File.Content[:first.Span.Start])) == 0
}
