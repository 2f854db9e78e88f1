// Package fix turns the fixes rules attach to diagnostics into new file
// contents: it picks one fix per diagnostic, drops the ones that collide,
// merges duplicates, and applies the rest per file in one pass. It writes
// files atomically (write.go) and renders unified diffs (diff.go). It knows
// nothing of rules: the CLI (and later the language server) drive it.
package fix

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Source reads the current content of a file for the plan. exists is false
// for a file that is not there (an edit may create it); err is set when the
// file exists but cannot be edited (unreadable, too large), and every fix
// that touches it is skipped.
type Source func(path string) (content []byte, exists bool, err error)

// Change is the planned new content of one file. Old is nil when the file is
// created.
type Change struct {
	Path     string
	Old, New []byte
	Created  bool
}

// Skipped is a fix that was not applied, and why.
type Skipped struct {
	Diagnostic diag.Diagnostic
	Fix        diag.Fix
	Reason     string
}

// Plan is what applying the fixes of one set of diagnostics does.
type Plan struct {
	// Changes holds only files whose content changes, sorted by path.
	Changes []Change
	// Applied are the diagnostics whose fix went into Changes (a fix whose
	// edits all duplicate another's counts too).
	Applied []diag.Diagnostic
	Skipped []Skipped
}

// acceptedEdit remembers which diagnostic an edit came from, to name it
// when a later fix collides with it.
type acceptedEdit struct {
	diag.Edit
	owner int // index into the diagnostics
	fix   int // order of acceptance, for a stable sort
}

type fileState struct {
	content []byte
	exists  bool
	err     error
	edits   []acceptedEdit
}

// Compute plans the fixes of diags, in their order: for each diagnostic its
// first fix, all of its edits or none. A fix is skipped when one of its edits
// overlaps an edit already accepted from another diagnostic (first come,
// first served: diagnostics arrive sorted by file and position), or when it
// does not fit the file as it is now. An edit identical to an accepted one
// (two diagnostics creating the same header) is merged, not a conflict.
func Compute(diags []diag.Diagnostic, read Source) *Plan {
	plan := &Plan{}
	files := map[string]*fileState{}
	state := func(p string) *fileState {
		if f := files[p]; f != nil {
			return f
		}
		content, exists, err := read(p)
		f := &fileState{content: content, exists: exists, err: err}
		files[p] = f
		return f
	}

	accepted := 0
	for i, d := range diags {
		if len(d.Fixes) == 0 {
			continue
		}
		fx := d.Fixes[0]
		edits, reason := admit(fx, state, diags)
		if reason != "" {
			plan.Skipped = append(plan.Skipped, Skipped{Diagnostic: d, Fix: fx, Reason: reason})
			continue
		}
		for _, e := range edits {
			f := state(e.Path)
			f.edits = append(f.edits, acceptedEdit{Edit: e, owner: i, fix: accepted})
		}
		accepted++
		plan.Applied = append(plan.Applied, d)
	}

	paths := make([]string, 0, len(files))
	for p, f := range files {
		if len(f.edits) > 0 {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		f := files[p]
		edits := make([]diag.Edit, len(f.edits))
		sort.SliceStable(f.edits, func(i, j int) bool { return f.edits[i].fix < f.edits[j].fix })
		for i, e := range f.edits {
			edits[i] = e.Edit
		}
		out := Apply(f.content, edits)
		if f.exists && bytes.Equal(out, f.content) {
			continue
		}
		c := Change{Path: p, New: out, Created: !f.exists}
		if f.exists {
			c.Old = f.content
		}
		plan.Changes = append(plan.Changes, c)
	}
	return plan
}

// admit checks one fix against the files and the edits accepted so far. It
// returns the edits still to apply (duplicates of accepted ones removed), or
// why the fix must be skipped.
func admit(fx diag.Fix, state func(string) *fileState, diags []diag.Diagnostic) ([]diag.Edit, string) {
	if len(fx.Edits) == 0 {
		return nil, "the fix has no edits"
	}
	var out []diag.Edit
	for i, e := range fx.Edits {
		f := state(e.Path)
		if reason := fits(e, f); reason != "" {
			return nil, reason
		}
		// Within one fix the listed order settles what goes first at one
		// offset; only edits that share bytes are a mistake.
		duplicate := false
		for _, prev := range fx.Edits[:i] {
			if prev.Path != e.Path {
				continue
			}
			if prev == e {
				duplicate = true
			} else if shareBytes(prev.Span, e.Span) {
				return nil, fmt.Sprintf("its own edits overlap in %s", e.Path)
			}
		}
		// An edit already taken adds nothing, whatever else it touches:
		// the edits taken with it were admitted together.
		for _, a := range f.edits {
			if a.Span == e.Span && a.NewText == e.NewText {
				duplicate = true
				break
			}
		}
		for _, a := range f.edits {
			if !duplicate && collide(a.Span, e.Span) {
				return nil, fmt.Sprintf("it overlaps the fix of %s, which was applied first", describe(diags[a.owner], state))
			}
		}
		if !duplicate {
			out = append(out, e)
		}
	}
	return out, ""
}

// fits reports why an edit cannot apply to the file as it is, or "".
func fits(e diag.Edit, f *fileState) string {
	switch {
	case f.err != nil:
		return fmt.Sprintf("%s cannot be edited: %v", e.Path, f.err)
	case !f.exists && e.Span != (source.Span{}):
		return fmt.Sprintf("it edits %s, which does not exist", e.Path)
	case e.Span.Start < 0 || e.Span.Start > e.Span.End || e.Span.End > len(f.content):
		return fmt.Sprintf("its range %d-%d lies outside %s (%d bytes): the file changed since it was analysed", e.Span.Start, e.Span.End, e.Path, len(f.content))
	}
	return ""
}

// collide reports whether two edits of different fixes cannot both apply in
// a well-defined order: they share bytes, or they start at the same offset
// and one of them inserts (which would go first is anyone's guess). An
// insertion where a replacement ends is fine: it goes after it.
func collide(a, b source.Span) bool {
	return shareBytes(a, b) || a.Start == b.Start && (isInsert(a) || isInsert(b))
}

func shareBytes(a, b source.Span) bool { return a.Start < b.End && b.Start < a.End }

func isInsert(s source.Span) bool { return s.Start == s.End }

// describe names a diagnostic as path:line CODE for messages.
func describe(d diag.Diagnostic, state func(string) *fileState) string {
	f := state(d.Location.Path)
	end := min(max(d.Location.Span.Start, 0), len(f.content))
	line := bytes.Count(f.content[:end], []byte("\n")) + 1
	return fmt.Sprintf("%s at %s:%d", d.Code, d.Location.Path, line)
}
