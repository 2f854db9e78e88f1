package config

import (
	"fmt"
	"sort"

	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/tomldoc"
)

// node is a settings value from either TOML or decoded JSON, so one
// validator serves both.
type node struct {
	kind    string // "string", "array", "table", or another type name for messages
	str     string
	elems   []*node
	keys    []string // table keys in the order written (sorted for maps)
	fields  map[string]*node
	span    source.Span
	keySpan source.Span
}

func (n *node) describe() string {
	switch n.kind {
	case "array", "integer":
		return "an " + n.kind
	case "null":
		return "null"
	}
	return "a " + n.kind
}

func fromTOML(v *tomldoc.Value) *node {
	n := &node{kind: v.Kind.String(), span: v.Span, keySpan: v.KeySpan}
	switch v.Kind {
	case tomldoc.KindString:
		n.str = v.Str
	case tomldoc.KindArray:
		for _, e := range v.Elems {
			n.elems = append(n.elems, fromTOML(e))
		}
	case tomldoc.KindTable:
		n.fields = map[string]*node{}
		for _, k := range v.Table.Keys() {
			e, _ := v.Table.Get(k)
			n.keys = append(n.keys, k)
			n.fields[k] = fromTOML(e)
		}
	}
	return n
}

// fromAny converts what encoding/json decodes into an interface value,
// plus the typed slices and maps a Go caller might build by hand.
func fromAny(x any) *node {
	switch v := x.(type) {
	case nil:
		return &node{kind: "null"}
	case string:
		return &node{kind: "string", str: v}
	case bool:
		return &node{kind: "boolean"}
	case float64, float32, int, int64, int32, uint, uint64:
		return &node{kind: "number"}
	case []any:
		n := &node{kind: "array"}
		for _, e := range v {
			n.elems = append(n.elems, fromAny(e))
		}
		return n
	case []string:
		n := &node{kind: "array"}
		for _, e := range v {
			n.elems = append(n.elems, fromAny(e))
		}
		return n
	case map[string]any:
		n := &node{kind: "table", fields: map[string]*node{}}
		for k, e := range v {
			n.keys = append(n.keys, k)
			n.fields[k] = fromAny(e)
		}
		sort.Strings(n.keys)
		return n
	case map[string]string:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = e
		}
		return fromAny(m)
	}
	return &node{kind: fmt.Sprintf("%T", x)}
}
