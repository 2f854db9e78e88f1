package tomldoc

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// value converts a value node found at path (used in messages about
// inline tables). It returns nil when the value is unusable (the problem
// has been reported).
func (b *builder) value(n kid, path []string) *Value {
	span := n.span()
	v := &Value{Span: span, EntrySpan: span}
	switch n.kind {
	case "string":
		s, quote, ok := b.decodeString(n)
		if !ok {
			return nil
		}
		v.Kind, v.Str, v.Quote = KindString, s, quote
	case "integer":
		i, err := parseInt(b.text(n))
		if err != nil {
			b.problemf(span, "integer %s does not fit in 64 bits", b.text(n))
			return nil
		}
		v.Kind, v.Int = KindInteger, i
	case "float":
		f, err := parseFloat(b.text(n))
		if err != nil {
			b.problemf(span, "float %s is out of range", b.text(n))
			return nil
		}
		v.Kind, v.Float = KindFloat, f
	case "boolean":
		v.Kind, v.Bool = KindBool, b.text(n) == "true"
	case "offset_date_time", "local_date_time", "local_date", "local_time":
		v.Kind, v.Str = KindDateTime, b.text(n)
	case "array":
		return b.array(n, v, path)
	case "inline_table":
		return b.inlineTable(n, v, path)
	default:
		return nil
	}
	return v
}

func (b *builder) array(n kid, v *Value, path []string) *Value {
	v.Kind = KindArray
	v.Elems = []*Value{}
	afterLast := false
	for _, c := range b.w.kids(&n.node) {
		switch {
		case c.kind == ",":
			if afterLast {
				v.TrailingComma = c.span()
			}
			afterLast = false
		case c.named && c.kind != "comment":
			e := b.value(c, path)
			if e == nil {
				return nil
			}
			v.Elems = append(v.Elems, e)
			v.TrailingComma = source.Span{}
			afterLast = true
		}
	}
	return v
}

func (b *builder) inlineTable(n kid, v *Value, path []string) *Value {
	v.Kind = KindTable
	v.Table = newTable(Inline)
	for _, c := range b.w.kids(&n.node) {
		if c.kind == "pair" {
			b.pair(v.Table, path, c)
		}
	}
	return v
}

// parseInt reads decimal, hex, octal and binary TOML integers. The grammar
// has already checked the digits and underscores; Go's base-0 syntax for
// these forms is the same.
func parseInt(s string) (int64, error) {
	return strconv.ParseInt(s, 0, 64)
}

func parseFloat(s string) (float64, error) {
	sign := 1.0
	body := s
	if strings.HasPrefix(body, "+") || strings.HasPrefix(body, "-") {
		if body[0] == '-' {
			sign = -1
		}
		body = body[1:]
	}
	switch body {
	case "inf":
		return math.Inf(int(sign)), nil
	case "nan":
		return math.NaN(), nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, err
	}
	if math.IsInf(f, 0) {
		return 0, strconv.ErrRange
	}
	// Underflow to zero is fine: TOML only asks for IEEE 754 binary64.
	return f, nil
}
