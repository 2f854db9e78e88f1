// Package ini reads INI files the way Python's configparser does with the
// defaults setuptools uses for setup.cfg: "[section]" headers, "key = value"
// or "key: value" options, values continued on more-indented lines, and
// whole-line comments starting with '#' or ';' (no inline comments). Every
// section, key and value line keeps its byte span.
package ini

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// File is a parsed INI file.
type File struct {
	Sections []*Section
	Comments []source.Comment
	Problems []Problem
}

// Problem is a line configparser would reject.
type Problem struct {
	Span    source.Span
	Line    int // 1-based
	Message string
}

// Section is one [name] section. A section written twice (which
// configparser rejects) is reported and its options merged into the first.
type Section struct {
	Name     string      // as written between the brackets
	NameSpan source.Span // the name
	Header   source.Span // "[name]"
	Entries  []*Entry
}

// Entry is one option.
type Entry struct {
	// Key is lower-cased, as configparser's default optionxform does;
	// RawKey is the key as written.
	Key, RawKey string
	KeySpan     source.Span
	// Lines are the value's lines: the text after the delimiter on the key
	// line (possibly empty), then each continuation line, trimmed. Blank
	// lines inside the value are kept as empty lines; comment lines and
	// trailing blank lines are not.
	Lines []Line
	// Span covers the value from its first to its last non-blank
	// character; for an empty value, the empty span where it would start.
	Span source.Span
}

// Line is one line of a value.
type Line struct {
	Text string
	Span source.Span
}

// Value is the value as configparser returns it: the lines joined with
// newlines (so a value starting on the next line begins with "\n").
func (e *Entry) Value() string {
	parts := make([]string, len(e.Lines))
	for i, l := range e.Lines {
		parts[i] = l.Text
	}
	return strings.Join(parts, "\n")
}

// NonEmptyLines returns the value lines that hold text.
func (e *Entry) NonEmptyLines() []Line {
	var out []Line
	for _, l := range e.Lines {
		if l.Text != "" {
			out = append(out, l)
		}
	}
	return out
}

// Section returns the section with that exact name, or nil.
func (f *File) Section(name string) *Section {
	if f == nil {
		return nil
	}
	for _, s := range f.Sections {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Get returns the option with that key (compared lower-cased), or nil.
func (s *Section) Get(key string) *Entry {
	if s == nil {
		return nil
	}
	key = strings.ToLower(key)
	for _, e := range s.Entries {
		if e.Key == key {
			return e
		}
	}
	return nil
}
