package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// fuzzPaths are the files a fuzzed edit may touch: two that exist, one
// that does not (an edit may create it) and one that cannot be read.
var fuzzPaths = []string{"a.c", "b.h", "new.h", "broken.c"}

// fuzzTexts are what a fuzzed edit inserts (or the script's byte itself).
var fuzzTexts = []string{"", "x", "\n", "#include \"new.h\"\n", "HPy", "_", "\r\n", "\xff"}

// fuzzDiagnostics reads script as diagnostics, 6 bytes per edit: whether
// the edit starts a new diagnostic (else it joins the previous one's fix),
// path, start (2 bytes, modulo the file's length + 2, so past the end
// too), length (modulo 8), text.
func fuzzDiagnostics(script []byte, content map[string][]byte) []diag.Diagnostic {
	var out []diag.Diagnostic
	for ; len(script) >= 6; script = script[6:] {
		p := fuzzPaths[int(script[1])%len(fuzzPaths)]
		start := (int(script[2])<<8 | int(script[3])) % (len(content[p]) + 2)
		if p == "new.h" && script[2]&1 == 0 {
			start = 0 // mostly the empty span a creation needs
		}
		end := start + int(script[4])%8
		if p == "new.h" && end > start && script[4]&8 == 0 {
			end = start
		}
		text := string(script[5:6])
		if i := int(script[5]); i < len(fuzzTexts) {
			text = fuzzTexts[i]
		}
		e := diag.Edit{Path: p, Span: source.Span{Start: start, End: end}, NewText: text}
		if len(out) == 0 || script[0]&3 != 0 {
			code := "D" + strconv.Itoa(len(out))
			out = append(out, diag.Diagnostic{Code: code, Location: source.Location{Path: p, Span: e.Span},
				Fixes: []diag.Fix{{Title: code}}})
		}
		last := &out[len(out)-1].Fixes[0]
		last.Edits = append(last.Edits, e)
	}
	return out
}

// Compute on random, possibly overlapping edits: every diagnostic with a
// fix is applied or skipped, never both; the edits of applied fixes never
// collide (share bytes, or share a start where one inserts); a skipped fix
// really could not go in (an edit that does not fit its file, its own
// edits overlapping, or a collision with a fix applied before it); and each
// changed file is exactly the accepted edits applied one after the other,
// in the order they were accepted, each moved by those before it.
func FuzzCompute(f *testing.F) {
	for _, seed := range fixSeeds(f) {
		f.Add(seed, []byte("b.h"), []byte{1, 0, 0, 4, 2, 3, 0, 0, 0, 4, 0, 1, 1, 1, 0, 0, 0, 0, 1, 2, 0, 0, 0, 3, 5, 0, 0, 3, 1, 4})
	}
	f.Add([]byte("int a;\nint b;\n"), []byte(""), []byte{1, 0, 0, 0, 3, 5, 1, 0, 0, 2, 3, 1, 1, 2, 0, 0, 0, 3, 0, 2, 1, 0, 0, 3})
	f.Fuzz(func(t *testing.T, a, b, script []byte) {
		if len(a)+len(b) > 64<<10 || len(script) > 6*64 {
			t.Skip("larger than a fuzz input may be")
		}
		content := map[string][]byte{"a.c": a, "b.h": b}
		read := func(p string) ([]byte, bool, error) {
			if p == "broken.c" {
				return nil, true, errors.New("unreadable")
			}
			c, ok := content[p]
			return c, ok, nil
		}
		diags := fuzzDiagnostics(script, content)
		plan := Compute(diags, read)
		checkPlan(t, diags, content, plan)
	})
}

func checkPlan(t *testing.T, diags []diag.Diagnostic, content map[string][]byte, plan *Plan) {
	t.Helper()
	applied, skipped := map[string]bool{}, map[string]bool{}
	for _, d := range plan.Applied {
		applied[d.Code] = true
	}
	for _, s := range plan.Skipped {
		if s.Reason == "" {
			t.Fatalf("%s skipped without a reason", s.Diagnostic.Code)
		}
		skipped[s.Diagnostic.Code] = true
	}
	// Each file's accepted edits, in acceptance order, duplicates merged.
	accepted := map[string][]diag.Edit{}
	for _, d := range diags {
		fx := d.Fixes[0]
		if applied[d.Code] == skipped[d.Code] {
			t.Fatalf("%s applied %v, skipped %v", d.Code, applied[d.Code], skipped[d.Code])
		}
		if skipped[d.Code] {
			if why := couldNotGoIn(fx, content, accepted); why == "" {
				t.Fatalf("%s skipped, but its edits %v fit beside %v", d.Code, fx.Edits, accepted)
			}
			continue
		}
		for i, e := range fx.Edits {
			if c, ok := content[e.Path]; e.Path == "broken.c" || (!ok && e.Span != (source.Span{})) ||
				e.Span.Start < 0 || e.Span.Start > e.Span.End || e.Span.End > len(c) {
				t.Fatalf("%s applied with edit %v that does not fit its file", d.Code, e)
			}
			for _, prev := range fx.Edits[:i] {
				if prev.Path == e.Path && prev != e && overlap(prev.Span, e.Span) {
					t.Fatalf("%s applied with overlapping edits %v and %v", d.Code, prev, e)
				}
			}
		}
		for i, e := range fx.Edits {
			if duplicateOf(e, accepted[e.Path]) || duplicateOf(e, fx.Edits[:i]) {
				continue
			}
			for _, a := range accepted[e.Path] {
				if wouldCollide(a.Span, e.Span) {
					t.Fatalf("%s applied although its edit %v collides with the accepted %v", d.Code, e, a)
				}
			}
		}
		for i, e := range fx.Edits {
			if !duplicateOf(e, accepted[e.Path]) && !duplicateOf(e, fx.Edits[:i]) {
				accepted[e.Path] = append(accepted[e.Path], e)
			}
		}
	}
	for i, d := range plan.Applied {
		if i > 0 && codeIndex(plan.Applied[i-1].Code) >= codeIndex(d.Code) {
			t.Fatalf("applied out of order: %s after %s", d.Code, plan.Applied[i-1].Code)
		}
	}

	want := map[string][]byte{}
	for p, edits := range accepted {
		old, exists := content[p]
		out := applyOneByOne(old, edits)
		if exists && bytes.Equal(out, old) {
			continue
		}
		want[p] = out
	}
	if !sort.SliceIsSorted(plan.Changes, func(i, j int) bool { return plan.Changes[i].Path < plan.Changes[j].Path }) {
		t.Fatal("changes not sorted by path")
	}
	for _, c := range plan.Changes {
		w, ok := want[c.Path]
		if !ok {
			t.Fatalf("%s changed, but no accepted edit changes it", c.Path)
		}
		if !bytes.Equal(c.New, w) {
			t.Fatalf("%s is\n%q\nwant (the accepted edits %v one by one)\n%q", c.Path, c.New, accepted[c.Path], w)
		}
		old, exists := content[c.Path]
		if c.Created == exists || (exists && !bytes.Equal(c.Old, old)) || (!exists && c.Old != nil) {
			t.Fatalf("%s: Created %v, Old %q; the file exists: %v, holds %q", c.Path, c.Created, c.Old, exists, old)
		}
		delete(want, c.Path)
	}
	if len(want) > 0 {
		t.Fatalf("accepted edits of %v missing from the plan", want)
	}
}

// couldNotGoIn says why a fix cannot join the accepted edits, or "".
func couldNotGoIn(fx diag.Fix, content map[string][]byte, accepted map[string][]diag.Edit) string {
	if len(fx.Edits) == 0 {
		return "no edits"
	}
	for i, e := range fx.Edits {
		c, exists := content[e.Path]
		switch {
		case e.Path == "broken.c":
			return "unreadable"
		case !exists && e.Span != (source.Span{}):
			return "edits a missing file"
		case e.Span.Start < 0 || e.Span.Start > e.Span.End || e.Span.End > len(c):
			return "out of range"
		}
		for _, prev := range fx.Edits[:i] {
			if prev.Path == e.Path && prev != e && overlap(prev.Span, e.Span) {
				return "own edits overlap"
			}
		}
		// An edit identical to an accepted one is merged: it adds
		// nothing, whatever the edits taken with it touch.
		if duplicateOf(e, accepted[e.Path]) {
			continue
		}
		for _, a := range accepted[e.Path] {
			if wouldCollide(a.Span, e.Span) {
				return fmt.Sprintf("collides with %v", a)
			}
		}
	}
	return ""
}

func duplicateOf(e diag.Edit, among []diag.Edit) bool {
	for _, a := range among {
		if a == e {
			return true
		}
	}
	return false
}

// applyOneByOne is the model of Apply: the edits applied in order, each
// moved by the size change of those already applied before its place.
// Between touching edits an insertion goes before a replacement that starts
// where it is, after one that ends there, and insertions at one offset keep
// their order.
func applyOneByOne(content []byte, edits []diag.Edit) []byte {
	out := append([]byte(nil), content...)
	for i, e := range edits {
		shift := 0
		for _, d := range edits[:i] {
			if d.Span.End <= e.Span.Start {
				shift += len(d.NewText) - (d.Span.End - d.Span.Start)
			}
		}
		s, end := e.Span.Start+shift, e.Span.End+shift
		out = append(append(append([]byte(nil), out[:s]...), e.NewText...), out[end:]...)
	}
	return out
}

func codeIndex(code string) int {
	n, _ := strconv.Atoi(code[1:])
	return n
}

// fixSeeds are small files of the testdata whose rules have fixes.
func fixSeeds(f *testing.F) [][]byte {
	var out [][]byte
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata", "rules"), func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() || filepath.Ext(path) != ".c" {
			return err
		}
		if src, err := os.ReadFile(path); err == nil && len(src) <= 2<<10 && len(out) < 40 {
			out = append(out, src)
		}
		return err
	})
	if err != nil || len(out) == 0 {
		f.Fatalf("no seeds from the testdata (%v)", err)
	}
	return out
}

// wouldCollide and overlap restate the rules of Compute (collide,
// shareBytes) so that a change to those is seen here: edits of two fixes
// collide when they share bytes or start at one offset where one inserts.
func wouldCollide(a, b source.Span) bool {
	return overlap(a, b) || a.Start == b.Start && (a.Start == a.End || b.Start == b.End)
}

func overlap(a, b source.Span) bool { return a.Start < b.End && b.Start < a.End }
