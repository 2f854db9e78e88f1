// Package report renders diagnostics for people and machines. Every column
// comes from package textpos.
package report

import (
	"encoding/json"
	"io"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// LinesFunc gives the line index of a file.
type LinesFunc func(path string) *textpos.Index

// JSONDocument is the public JSON contract (version 1).
type JSONDocument struct {
	Version     int              `json:"version"`
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
	Summary     JSONSummary      `json:"summary"`
}

type JSONDiagnostic struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	JSONRange
	Message string    `json:"message"`
	Fixes   []JSONFix `json:"fixes"`
	// Related are other places that explain the finding: the steps of an
	// include chain, the calls from an init function, every place an
	// HPY209 counts. Optional: absent when there are none.
	Related []JSONRelated `json:"related,omitempty"`
}

// JSONRelated is one related location and what it says.
type JSONRelated struct {
	JSONRange
	Message string `json:"message"`
}

// JSONRange is 1-based; columns count Unicode characters; the end is
// exclusive.
type JSONRange struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
}

type JSONFix struct {
	Title string     `json:"title"`
	Edits []JSONEdit `json:"edits"`
}

type JSONEdit struct {
	JSONRange
	NewText string `json:"new_text"`
}

type JSONSummary struct {
	Files       int `json:"files"`
	Diagnostics int `json:"diagnostics"`
}

// Range converts a location to the JSON contract's 1-based positions.
func Range(lines LinesFunc, loc source.Location) JSONRange {
	x := lines(loc.Path)
	l1, c1 := x.Position(loc.Span.Start, textpos.Runes)
	l2, c2 := x.Position(loc.Span.End, textpos.Runes)
	return JSONRange{Path: loc.Path, Line: l1 + 1, Column: c1 + 1, EndLine: l2 + 1, EndColumn: c2 + 1}
}

// ToJSON builds the JSON document.
func ToJSON(diags []diag.Diagnostic, files int, lines LinesFunc) JSONDocument {
	doc := JSONDocument{Version: 1, Diagnostics: []JSONDiagnostic{}, Summary: JSONSummary{Files: files, Diagnostics: len(diags)}}
	for _, d := range diags {
		jd := JSONDiagnostic{Code: d.Code, Name: d.Name, Severity: d.Severity.String(), JSONRange: Range(lines, d.Location), Message: d.Message, Fixes: []JSONFix{}}
		for _, f := range d.Fixes {
			jf := JSONFix{Title: f.Title, Edits: []JSONEdit{}}
			for _, e := range f.Edits {
				jf.Edits = append(jf.Edits, JSONEdit{JSONRange: Range(lines, source.Location{Path: e.Path, Span: e.Span}), NewText: e.NewText})
			}
			jd.Fixes = append(jd.Fixes, jf)
		}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, JSONRelated{JSONRange: Range(lines, r.Location), Message: r.Message})
		}
		doc.Diagnostics = append(doc.Diagnostics, jd)
	}
	return doc
}

// JSON writes the JSON document, indented, with a trailing newline.
func JSON(w io.Writer, diags []diag.Diagnostic, files int, lines LinesFunc) error {
	enc := json.NewEncoder(jsonWriter{w})
	enc.SetIndent("", "  ")
	return enc.Encode(ToJSON(diags, files, lines))
}
