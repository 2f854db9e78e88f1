package fix

import (
	"errors"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// files is an in-memory Source.
type files map[string]string

func (f files) read(p string) ([]byte, bool, error) {
	if p == "broken.c" {
		return nil, true, errors.New("not valid UTF-8")
	}
	c, ok := f[p]
	if !ok {
		return nil, false, nil
	}
	return []byte(c), true, nil
}

func edit(path string, start, end int, text string) diag.Edit {
	return diag.Edit{Path: path, Span: source.Span{Start: start, End: end}, NewText: text}
}

func withFix(code string, edits ...diag.Edit) diag.Diagnostic {
	d := diag.Diagnostic{Code: code, Location: source.Location{Path: edits[0].Path, Span: edits[0].Span}}
	d.Fixes = []diag.Fix{{Title: code + " fix", Edits: edits}}
	return d
}

func contents(p *Plan) map[string]string {
	out := map[string]string{}
	for _, c := range p.Changes {
		out[c.Path] = string(c.New)
	}
	return out
}

func TestComputeAppliesEditsPerFileInOnePass(t *testing.T) {
	fs := files{"a.c": "HPy_MODINIT(point, def)\nint x;\n", "pyproject.toml": "requires = [\"setuptools\"]\n"}
	diags := []diag.Diagnostic{
		withFix("HPY102", edit("a.c", 12, 17, "_point")),
		withFix("HPY105", edit("a.c", 24, 24, "#include \"h.h\"\nENTRY(_point)\n")),
		withFix("HPY401", edit("pyproject.toml", 24, 24, `, "hpy"`)),
		{Code: "HPY201"}, // no fix: ignored
	}
	p := Compute(diags, fs.read)
	want := map[string]string{
		"a.c":            "HPy_MODINIT(_point, def)\n#include \"h.h\"\nENTRY(_point)\nint x;\n",
		"pyproject.toml": "requires = [\"setuptools\", \"hpy\"]\n",
	}
	if got := contents(p); got["a.c"] != want["a.c"] || got["pyproject.toml"] != want["pyproject.toml"] || len(got) != 2 {
		t.Errorf("changes = %q, want %q", got, want)
	}
	if len(p.Applied) != 3 || len(p.Skipped) != 0 {
		t.Errorf("applied %d, skipped %v", len(p.Applied), p.Skipped)
	}
	if p.Changes[0].Path != "a.c" || string(p.Changes[0].Old) != fs["a.c"] || p.Changes[0].Created {
		t.Errorf("first change %+v", p.Changes[0])
	}
}

func TestComputeSkipsConflictsFirstFixWins(t *testing.T) {
	fs := files{"a.c": "0123456789"}
	cases := []struct {
		name   string
		first  diag.Edit
		second diag.Edit
	}{
		{"overlapping replacements", edit("a.c", 2, 6, "X"), edit("a.c", 4, 8, "Y")},
		{"insertion inside a replacement", edit("a.c", 2, 6, "X"), edit("a.c", 4, 4, "Y")},
		{"two different insertions at one offset", edit("a.c", 3, 3, "X"), edit("a.c", 3, 3, "Y")},
		{"insertion where a replacement starts", edit("a.c", 3, 6, "X"), edit("a.c", 3, 3, "Y")},
		{"same range, different text", edit("a.c", 3, 6, "X"), edit("a.c", 3, 6, "Y")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The losing fix also carries an edit elsewhere: a fix is
			// all or nothing, so that edit must not be applied either.
			loser := withFix("HPY106", c.second, edit("b.c", 0, 0, "created by the loser\n"))
			p := Compute([]diag.Diagnostic{withFix("HPY102", c.first), loser}, fs.read)
			if len(p.Applied) != 1 || p.Applied[0].Code != "HPY102" {
				t.Fatalf("applied %v, want only the first diagnostic's fix", p.Applied)
			}
			if len(p.Skipped) != 1 || p.Skipped[0].Diagnostic.Code != "HPY106" ||
				!strings.Contains(p.Skipped[0].Reason, "overlaps the fix of HPY102 at a.c:1") {
				t.Fatalf("skipped = %+v", p.Skipped)
			}
			got := contents(p)
			if _, ok := got["b.c"]; ok || got["a.c"] != string(Apply([]byte(fs["a.c"]), []diag.Edit{c.first})) {
				t.Errorf("changes = %q", got)
			}
		})
	}
}

func TestComputeAllowsAdjacentEdits(t *testing.T) {
	fs := files{"a.c": "0123456789"}
	diags := []diag.Diagnostic{
		withFix("A", edit("a.c", 2, 5, "x")),
		withFix("B", edit("a.c", 5, 5, "+")), // insertion where A's range ends
		withFix("C", edit("a.c", 5, 7, "y")), // replacement starting there too
	}
	p := Compute(diags, fs.read)
	// B and C both start at 5 and B inserts: ambiguous, C is skipped.
	if got := contents(p)["a.c"]; got != "01x+56789" {
		t.Errorf("a.c = %q", got)
	}
	if len(p.Skipped) != 1 || p.Skipped[0].Diagnostic.Code != "C" {
		t.Errorf("skipped %+v", p.Skipped)
	}
}

// Two diagnostics whose fixes create the same header: one file, both fixed.
func TestComputeMergesIdenticalEditsAndCreatesFiles(t *testing.T) {
	fs := files{"a.c": "A\n", "b.c": "B\n"}
	header := edit("shim.h", 0, 0, "/* generated */\n")
	diags := []diag.Diagnostic{
		withFix("HPY105", header, edit("a.c", 2, 2, "use a\n")),
		withFix("HPY105", header, edit("b.c", 2, 2, "use b\n")),
		withFix("HPY106", header),
	}
	p := Compute(diags, fs.read)
	if len(p.Applied) != 3 || len(p.Skipped) != 0 {
		t.Fatalf("applied %d, skipped %+v", len(p.Applied), p.Skipped)
	}
	got := contents(p)
	if got["shim.h"] != "/* generated */\n" || got["a.c"] != "A\nuse a\n" || got["b.c"] != "B\nuse b\n" {
		t.Errorf("changes = %q", got)
	}
	for _, c := range p.Changes {
		if c.Path == "shim.h" && (!c.Created || c.Old != nil) {
			t.Errorf("shim.h change %+v, want a creation", c)
		}
	}
}

func TestComputeRejectsEditsThatDoNotFit(t *testing.T) {
	fs := files{"a.c": "short"}
	cases := []struct {
		name   string
		fix    diag.Diagnostic
		reason string
	}{
		{"range past the end", withFix("X", edit("a.c", 3, 40, "")), "lies outside a.c"},
		{"reversed range", withFix("X", edit("a.c", 4, 2, "")), "lies outside a.c"},
		{"edit inside a missing file", withFix("X", edit("gone.c", 3, 4, "x")), "does not exist"},
		{"unreadable file", withFix("X", edit("broken.c", 0, 0, "x")), "not valid UTF-8"},
		{"edits of one fix overlap", withFix("X", edit("a.c", 0, 3, "x"), edit("a.c", 2, 4, "y")), "its own edits overlap"},
		{"empty fix", diag.Diagnostic{Code: "X", Fixes: []diag.Fix{{Title: "nothing"}}}, "no edits"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Compute([]diag.Diagnostic{c.fix}, fs.read)
			if len(p.Changes) != 0 || len(p.Skipped) != 1 || !strings.Contains(p.Skipped[0].Reason, c.reason) {
				t.Errorf("changes %d, skipped %+v; want the fix skipped because %q", len(p.Changes), p.Skipped, c.reason)
			}
		})
	}
}

func TestComputeOnlyFirstFixOfADiagnostic(t *testing.T) {
	fs := files{"a.c": "name"}
	d := diag.Diagnostic{Code: "X", Fixes: []diag.Fix{
		{Title: "first", Edits: []diag.Edit{edit("a.c", 0, 4, "one")}},
		{Title: "second", Edits: []diag.Edit{edit("a.c", 0, 4, "two")}},
	}}
	if got := contents(Compute([]diag.Diagnostic{d}, fs.read))["a.c"]; got != "one" {
		t.Errorf("a.c = %q, want the first fix", got)
	}
}

// A fix that changes nothing (the text is already there) yields no change,
// so the fix loop stops instead of rewriting the file.
func TestComputeOmitsUnchangedFiles(t *testing.T) {
	fs := files{"a.c": "_point"}
	p := Compute([]diag.Diagnostic{withFix("HPY102", edit("a.c", 0, 6, "_point"))}, fs.read)
	if len(p.Changes) != 0 {
		t.Errorf("changes %+v for a no-op fix", p.Changes)
	}
}

// Within one fix the listed order decides what goes first at one offset:
// HPY206 inserts the shim where the deleted function started.
func TestApplyInsertionBeforeReplacementAtSameOffset(t *testing.T) {
	got := Apply([]byte("A\nPyInit_x(){}\nB\n"), []diag.Edit{edit("", 2, 15, ""), edit("", 2, 2, "SHIM\n")})
	if string(got) != "A\nSHIM\nB\n" {
		t.Errorf("got %q", got)
	}
}
