package meson

import (
	"strconv"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

func (r *reader) eval(n Node) value {
	switch n := n.(type) {
	case *StringLit:
		if n.Format {
			return r.formatString(n)
		}
		return str(n.Value, n.Span)
	case *NumberLit:
		return value{kind: vNumber, str: buildcfg.StringValue{Value: n.Text, Span: n.Span}, span: n.Span}
	case *BoolLit:
		return value{kind: vBool, str: buildcfg.StringValue{Value: strconv.FormatBool(n.Value), Span: n.Span}, span: n.Span}
	case *Ident:
		if v, ok := r.vars[n.Name]; ok {
			if v.kind == vUnknown {
				// Report unknowns where they are used.
				v.span = n.Span
			}
			return v
		}
		if n.Name == "meson" {
			return value{kind: vMeson, span: n.Span}
		}
		return unknown(n.Span, "variable "+n.Name)
	case *ArrayLit:
		v := value{kind: vArray, span: n.Span}
		for _, e := range n.Elems {
			v.elems = append(v.elems, r.eval(e))
		}
		v.size = sizeOf(v.elems)
		return bounded(v)
	case *Binary:
		x, y := r.eval(n.X), r.eval(n.Y)
		switch n.Op {
		case "+":
			return plus(x, y, n.Span)
		case "/":
			if x.kind == vString && y.kind == vString && len(x.str.Value)+len(y.str.Value) <= maxStringLen {
				return str(joinPath(x.str.Value, y.str.Value), n.Span)
			}
		}
		return unknown(n.Span, r.shortText(n.Span))
	case *Index:
		x, i := r.eval(n.X), r.eval(n.Index)
		if x.kind == vArray && i.kind == vNumber {
			if k, err := strconv.Atoi(i.str.Value); err == nil && k >= 0 && k < len(x.elems) {
				return x.elems[k]
			}
		}
		return unknown(n.Span, r.shortText(n.Span))
	case *Call:
		return r.call(n)
	case nil:
		return value{kind: vOther}
	}
	// Ternaries, unary operators, dictionaries: nothing a target needs that
	// we could know without running the build.
	for _, sub := range children(n) {
		r.eval(sub)
	}
	return unknown(n.Pos(), r.shortText(n.Pos()))
}

// children lists sub-expressions that may hold calls with side effects.
func children(n Node) []Node {
	switch n := n.(type) {
	case *Ternary:
		return []Node{n.Cond, n.Then, n.Else}
	case *Unary:
		return []Node{n.X}
	case *DictLit:
		return append(append([]Node(nil), n.Keys...), n.Values...)
	}
	return nil
}

// maxStringLen bounds strings built by + so doubling cannot exhaust memory.
const maxStringLen = 1 << 20

// joinPath is meson's join_paths: an absolute part restarts the path.
func joinPath(a, b string) string {
	if strings.HasPrefix(b, "/") || a == "" {
		return b
	}
	return strings.TrimSuffix(a, "/") + "/" + b
}

// plus is meson's +: string concatenation, array concatenation, or
// appending one element to an array.
func plus(x, y value, span source.Span) value {
	switch {
	case x.kind == vString && y.kind == vString:
		if len(x.str.Value)+len(y.str.Value) > maxStringLen {
			return unknown(span, "a string longer than 1 MB")
		}
		return str(x.str.Value+y.str.Value, span)
	case x.kind == vArray && y.kind == vArray:
		if x.size+y.size > maxValueSize {
			return unknown(span, "a value with more than 10000 elements")
		}
		elems := append(append([]value(nil), x.elems...), y.elems...)
		return value{kind: vArray, elems: elems, span: span, size: sizeOf(elems)}
	case x.kind == vArray:
		if x.size+y.size > maxValueSize {
			return unknown(span, "a value with more than 10000 elements")
		}
		elems := append(append([]value(nil), x.elems...), y)
		return value{kind: vArray, elems: elems, span: span, size: sizeOf(elems)}
	case x.kind == vUnknown:
		return unknown(span, x.why)
	case y.kind == vUnknown:
		return unknown(span, y.why)
	}
	return value{kind: vOther, span: span}
}

// formatString expands an f-string's @var@ placeholders from known
// variables.
func (r *reader) formatString(n *StringLit) value {
	var b strings.Builder
	s := n.Value
	for {
		i := strings.IndexByte(s, '@')
		if i < 0 {
			b.WriteString(s)
			return str(b.String(), n.Span)
		}
		j := strings.IndexByte(s[i+1:], '@')
		if j < 0 {
			b.WriteString(s)
			return str(b.String(), n.Span)
		}
		name := s[i+1 : i+1+j]
		v, ok := r.vars[name]
		if !ok || (v.kind != vString && v.kind != vNumber && v.kind != vBool) {
			return unknown(n.Span, "@"+name+"@ in "+r.shortText(n.Span))
		}
		b.WriteString(s[:i])
		b.WriteString(v.str.Value)
		s = s[i+2+j:]
	}
}

// flatten collects the strings of a value, descending into arrays and
// files()/include_directories() objects; other values go to skip.
func flatten(v value, skip func(value)) []buildcfg.StringValue {
	switch v.kind {
	case vString:
		return []buildcfg.StringValue{v.str}
	case vFiles, vIncDirs:
		return v.paths
	case vArray:
		var out []buildcfg.StringValue
		for _, e := range v.elems {
			out = append(out, flatten(e, skip)...)
		}
		return out
	}
	skip(v)
	return nil
}

// strings evaluates call arguments to strings, reporting unknown parts.
func (r *reader) strs(nodes []Node, context string) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for _, n := range nodes {
		out = append(out, flatten(r.eval(n), func(v value) {
			if v.kind == vUnknown {
				r.unresolved(v, context)
			}
		})...)
	}
	return out
}

func kwarg(c *Call, name string) Node {
	for _, k := range c.Kwargs {
		if k.Key.Name == name {
			return k.Value
		}
	}
	return nil
}

// pathValues cleans the "./" of paths built from meson.current_source_dir().
func pathValues(in []buildcfg.StringValue) []buildcfg.StringValue {
	out := make([]buildcfg.StringValue, len(in))
	for i, v := range in {
		v.Value = cleanPath(v.Value)
		out[i] = v
	}
	return out
}
