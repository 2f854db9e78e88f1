package suppress

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// Apply drops the diagnostics a directive covers and reports the directive
// codes that covered nothing. enabled says whether a code or name belongs
// to a rule that ran: suppressions of disabled rules are not "unused".
// lines gives the line index of a file. With no directive, the list kept
// is diags itself.
func Apply(diags []diag.Diagnostic, dirs []Directive, lines func(path string) *textpos.Index, enabled func(code string) bool) ([]diag.Diagnostic, []Problem) {
	if len(dirs) == 0 {
		// Most projects suppress nothing: every finding is kept, and a
		// copy of them all on every key would be for nothing.
		return diags, nil
	}
	byPath := map[string][]int{}
	for i, d := range dirs {
		byPath[d.Path] = append(byPath[d.Path], i)
	}
	used := make([][]bool, len(dirs))
	for i, d := range dirs {
		used[i] = make([]bool, len(d.Codes))
	}
	// numpy-hpy has 11,000 findings of 176 bytes each: room for all of
	// them at once rather than copying them as the slice grows.
	kept := make([]diag.Diagnostic, 0, len(diags))
	for _, dg := range diags {
		cands := byPath[dg.Location.Path]
		line := -1
		suppressed := false
		for _, i := range cands {
			d := dirs[i]
			if !d.File {
				if line < 0 {
					line = lines(dg.Location.Path).Line(dg.Location.Span.Start)
				}
				if d.Line != line {
					continue
				}
			}
			for j, c := range d.Codes {
				if strings.EqualFold(c.Text, dg.Code) || strings.EqualFold(c.Text, dg.Name) {
					used[i][j] = true
					suppressed = true
				}
			}
		}
		if !suppressed {
			kept = append(kept, dg)
		}
	}
	var unused []Problem
	for i, d := range dirs {
		for j, c := range d.Codes {
			if used[i][j] || !enabled(c.Text) {
				continue
			}
			kind := "suppression"
			if d.File {
				kind = "file-wide suppression"
			}
			unused = append(unused, Problem{
				Location: source.Location{Path: d.Path, Span: c.Span},
				Message:  kind + " of " + c.Text + " matches no diagnostic",
			})
		}
	}
	return kept, unused
}
