// Package tomldoc reads TOML into a small document model that keeps the byte
// span of every key and value, so build-config readers and the configuration
// loader can point diagnostics and fixes at the exact text. It parses with
// tree-sitter-toml and then applies the TOML 1.0 rules the grammar cannot
// express (duplicate keys, tables defined twice, one pair per line).
package tomldoc

import (
	"strconv"
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Kind is the type of a TOML value.
type Kind int

const (
	KindString Kind = iota + 1
	KindInteger
	KindFloat
	KindBool
	// KindDateTime covers offset and local date-times, dates and times; they are
	// kept as raw text in Value.Str because nothing here computes with them.
	KindDateTime
	KindArray
	KindTable
)

func (k Kind) String() string {
	switch k {
	case KindString:
		return "string"
	case KindInteger:
		return "integer"
	case KindFloat:
		return "float"
	case KindBool:
		return "boolean"
	case KindDateTime:
		return "date-time"
	case KindArray:
		return "array"
	case KindTable:
		return "table"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// TableDef tells how a table came into existence. TOML's redefinition rules
// depend on it, and fixes need it to know where new keys can be written.
type TableDef int

const (
	Root TableDef = iota + 1
	// Header is a table opened by a [a.b] header.
	Header
	// ArrayElement is one [[a.b]] element.
	ArrayElement
	// Inline is an inline table { ... }; it is closed to later additions.
	Inline
	// Dotted is a table created by a dotted key (a.b = 1 creates a).
	Dotted
	// Implicit is a table created as the parent of a header ([a.b] creates a).
	Implicit
)

// Value is one TOML value together with the key that names it.
type Value struct {
	Kind Kind
	// Key is the last segment of the key, decoded; empty for array elements.
	Key string
	// KeySpan is the last key segment as written (quotes included). For a
	// header table it is the last segment inside the brackets.
	KeySpan source.Span
	// Span is the literal (quotes and brackets included). For a header or
	// array-element table it covers the header and the pairs below it; for
	// an array of tables, the first element's header; for an implicit or
	// dotted table, the key segment that created it.
	Span source.Span
	// EntrySpan covers "key = value" for a pair, the header for a header
	// table, and equals Span otherwise.
	EntrySpan source.Span

	Str   string // String (decoded) and DateTime (raw)
	Int   int64
	Float float64
	Bool  bool
	// Quote is the string delimiter as written: ", ', """ or '''.
	Quote string

	Elems []*Value // Array
	// TrailingComma is the comma after the last element of an array, or an
	// empty span when there is none.
	TrailingComma source.Span
	// ArrayOfTables is set for arrays built from [[...]] headers.
	ArrayOfTables bool

	Table *Table // Table
}

// Table is an ordered set of key/value pairs.
type Table struct {
	Def TableDef
	// Header is the span of the [a.b] or [[a.b]] header, when there is one.
	Header source.Span
	// Section runs from the header to the next header (or the end of the
	// file), comments and invalid lines included: the text a user sees as
	// belonging to this table.
	Section source.Span
	keys    []string
	entries map[string]*Value
}

func newTable(def TableDef) *Table {
	return &Table{Def: def, entries: map[string]*Value{}}
}

// Keys returns the table's keys in the order they were first written.
func (t *Table) Keys() []string {
	if t == nil {
		return nil
	}
	return append([]string(nil), t.keys...)
}

// Get returns the value stored under one key.
func (t *Table) Get(key string) (*Value, bool) {
	if t == nil {
		return nil, false
	}
	v, ok := t.entries[key]
	return v, ok
}

// Lookup follows a key path through nested tables. It does not index into
// arrays: a path ending at an array of tables returns the array.
func (t *Table) Lookup(path ...string) (*Value, bool) {
	cur := t
	var v *Value
	for i, k := range path {
		var ok bool
		if v, ok = cur.Get(k); !ok {
			return nil, false
		}
		if i < len(path)-1 {
			if v.Kind != KindTable {
				return nil, false
			}
			cur = v.Table
		}
	}
	return v, v != nil
}

func (t *Table) set(key string, v *Value) {
	t.keys = append(t.keys, key)
	t.entries[key] = v
}

// Problem is a place where the content is not valid TOML.
type Problem struct {
	Span    source.Span
	Message string
}

// Doc is a parsed TOML document.
type Doc struct {
	Root     *Table
	Comments []source.Comment
	lines    []int // offsets where lines start
}

// Lookup follows a key path from the document root.
func (d *Doc) Lookup(path ...string) (*Value, bool) {
	if d == nil {
		return nil, false
	}
	return d.Root.Lookup(path...)
}

// Line returns the 1-based line number of a byte offset.
func (d *Doc) Line(off int) int {
	if d == nil {
		return 1
	}
	lo, hi := 0, len(d.lines)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if d.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

func lineStarts(content []byte) []int {
	starts := []int{0}
	for i, c := range content {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// Strings returns the elements of an array of strings. ok is false when v
// is not an array or holds anything but strings.
func (v *Value) Strings() (strs []string, ok bool) {
	if v == nil || v.Kind != KindArray {
		return nil, false
	}
	for _, e := range v.Elems {
		if e.Kind != KindString {
			return nil, false
		}
		strs = append(strs, e.Str)
	}
	return strs, true
}

// FormatKey renders a key path the way TOML would write it, quoting the
// segments that are not bare keys, for messages.
func FormatKey(path []string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = p
		if !isBareKey(p) {
			parts[i] = strconv.Quote(p)
		}
	}
	return strings.Join(parts, ".")
}

// quoteKey is FormatKey in double quotes, for messages.
func quoteKey(path []string) string {
	return `"` + FormatKey(path) + `"`
}

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}
