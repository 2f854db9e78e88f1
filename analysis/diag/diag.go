// Package diag defines what rules produce: diagnostics with byte-offset
// ranges and optional fixes made of text edits.
package diag

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Severity orders findings; a higher value is more severe.
type Severity int

const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "info":
		return Info, nil
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Edit replaces the bytes of Span in Path with NewText. An edit on a file that
// does not exist yet (Span {0,0}) creates it.
type Edit struct {
	Path    string
	Span    source.Span
	NewText string
}

// Fix is one way to resolve a diagnostic: a titled set of edits applied together.
type Fix struct {
	Title string
	Edits []Edit
}

// Related points at another place that explains a diagnostic: a step of an
// include chain, a call on the path from an init function, the other
// definition of a duplicate.
type Related struct {
	Location source.Location
	Message  string
}

// Diagnostic is one finding.
type Diagnostic struct {
	Code     string
	Name     string
	Severity Severity
	Location source.Location
	Message  string
	Fixes    []Fix
	Related  []Related
	// DetailOf, when set, is the code of a summary finding that already
	// counts this one among its related locations (HPY209 counts each
	// CPython reference of an extension that is universal only on some
	// interpreters). A report of the whole project leaves details out; a
	// view of one file, where the work is done place by place, may show
	// them. The engine clears it when the summary's rule is not enabled.
	DetailOf string
	// Lines are the line numbers the texts above cite, set by the engine
	// (see lines.go), so that an edit moving a cited line can rewrite them.
	Lines []LineCite
}

// WithoutDetails returns the findings that are not details of a summary,
// in order; ds itself is not modified.
func WithoutDetails(ds []Diagnostic) []Diagnostic {
	out := make([]Diagnostic, 0, len(ds))
	for _, d := range ds {
		if d.DetailOf == "" {
			out = append(out, d)
		}
	}
	return out
}
