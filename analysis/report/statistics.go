package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
)

// Statistic is the count of one rule's findings.
type Statistic struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Count int    `json:"count"`
	// Fixable counts the findings that carry a fix.
	Fixable int `json:"fixable"`
}

// Statistics counts findings per code, the most frequent first (ties by
// code), like ruff's --statistics.
func Statistics(diags []diag.Diagnostic) []Statistic {
	byCode := map[string]*Statistic{}
	for _, d := range diags {
		s := byCode[d.Code]
		if s == nil {
			s = &Statistic{Code: d.Code, Name: d.Name}
			byCode[d.Code] = s
		}
		s.Count++
		if len(d.Fixes) > 0 {
			s.Fixable++
		}
	}
	out := make([]Statistic, 0, len(byCode))
	for _, s := range byCode {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// StatisticsText writes one line per code: the count, right-aligned, the
// code, "[*]" when every finding of it has a fix ("[-]" when some do), and
// the rule name; then the summary line.
//
//	3	HPY102	[*] modinit-name-mismatch
func StatisticsText(w io.Writer, diags []diag.Diagnostic, files, read int) {
	stats := Statistics(diags)
	width := 1
	for _, s := range stats {
		width = max(width, len(fmt.Sprint(s.Count)))
	}
	codeWidth := 0
	for _, s := range stats {
		codeWidth = max(codeWidth, len(s.Code))
	}
	for _, s := range stats {
		mark := "   "
		switch {
		case s.Fixable == s.Count:
			mark = "[*]"
		case s.Fixable > 0:
			mark = "[-]"
		}
		fmt.Fprintf(w, "%*d  %-*s  %s %s\n", width, s.Count, codeWidth, s.Code, mark, s.Name)
	}
	fmt.Fprintln(w, strings.TrimSpace(Summary(diags, files, read)))
}

// StatisticsJSON writes the counts as a JSON array.
func StatisticsJSON(w io.Writer, diags []diag.Diagnostic) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(Statistics(diags))
}
