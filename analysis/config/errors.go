package config

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Error is one invalid setting.
type Error struct {
	Path string
	Line int // 1-based; 0 when unknown (settings from a language client)
	Span source.Span
	// Msg names the table and key, e.g. `[tool.hpylint] unknown key "selct"`.
	Msg string
}

func (e *Error) Error() string {
	switch {
	case e.Path != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	case e.Path != "":
		return e.Path + ": " + e.Msg
	}
	return e.Msg
}

// Errors is every invalid setting of one source, in the order written, so
// a user can fix them all in one go.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find each *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// orNil sorts the errors into file order and avoids returning a nil
// Errors inside a non-nil error interface.
func (es Errors) orNil() error {
	if len(es) == 0 {
		return nil
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].Span.Start < es[j].Span.Start })
	return es
}
