package tomldoc

import (
	"fmt"
	"strings"
)

// dump renders a value tree compactly so table tests can compare whole
// documents with one string.
func dump(v *Value) string {
	switch v.Kind {
	case KindString:
		return fmt.Sprintf("%q", v.Str)
	case KindInteger:
		return fmt.Sprint(v.Int)
	case KindFloat:
		return fmt.Sprint(v.Float)
	case KindBool:
		return fmt.Sprint(v.Bool)
	case KindDateTime:
		return "dt(" + v.Str + ")"
	case KindArray:
		parts := make([]string, len(v.Elems))
		for i, e := range v.Elems {
			parts[i] = dump(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case KindTable:
		return dumpTable(v.Table)
	}
	return "?"
}

func dumpTable(t *Table) string {
	var parts []string
	for _, k := range t.Keys() {
		v, _ := t.Get(k)
		parts = append(parts, FormatKey([]string{k})+"="+dump(v))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func messages(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Message)
	}
	return out
}
