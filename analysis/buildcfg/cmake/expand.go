package cmake

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// noSpan marks a variable value that no literal in the file wrote (the
// directory variables the reader seeds); users of it take the span of the
// argument that referenced it.
var noSpan = source.Span{Start: -1, End: -1}

// Limits that keep values doubling on every line (set(A ${A} ${A})) from
// exhausting memory: past them a variable becomes unknown and an argument
// stops expanding.
const (
	maxListLen   = 10000
	maxStringLen = 1 << 20
)

// vars holds CMake variables as lists. Each element keeps the span of the
// literal that produced it, so a source named through ${SRCS} still points
// at its own place in set(SRCS ...).
type vars map[string][]buildcfg.StringValue

// eval expands one argument into the list elements CMake would pass to the
// command. Bracket arguments are taken as they are; quoted arguments give one
// element; unquoted ones are split on unescaped ';' and lose empty elements.
// Unknown variables stay as written. An element keeps the span of the
// argument unless the argument is exactly one ${VAR} reference, in which case
// elements keep the spans of the variable's own literals.
func (v vars) eval(a Argument) []buildcfg.StringValue {
	switch a.Kind {
	case Bracket:
		return []buildcfg.StringValue{{Value: a.Raw, Span: a.Span}}
	case Quoted:
		if elems, ok := v.soleRef(a.Raw); ok {
			if len(elems) == 1 {
				return []buildcfg.StringValue{withSpan(elems[0], a.Span)}
			}
			return []buildcfg.StringValue{{Value: joinValues(elems), Span: a.Span}}
		}
		parts := v.expand(a.Raw, false)
		return []buildcfg.StringValue{{Value: strings.Join(parts, ";"), Span: a.Span}}
	}
	if elems, ok := v.soleRef(a.Raw); ok {
		out := make([]buildcfg.StringValue, 0, len(elems))
		for _, e := range elems {
			if e.Value != "" {
				out = append(out, withSpan(e, a.Span))
			}
		}
		return out
	}
	var out []buildcfg.StringValue
	for _, s := range v.expand(a.Raw, true) {
		if s != "" {
			out = append(out, buildcfg.StringValue{Value: s, Span: a.Span})
		}
	}
	return out
}

func withSpan(e buildcfg.StringValue, fallback source.Span) buildcfg.StringValue {
	if e.Span.Start < 0 {
		e.Span = fallback
	}
	return e
}

func joinValues(elems []buildcfg.StringValue) string {
	s := make([]string, len(elems))
	for i, e := range elems {
		s[i] = e.Value
	}
	return strings.Join(s, ";")
}

// soleRef returns the value of a known variable when raw is exactly one
// ${NAME} reference.
func (v vars) soleRef(raw string) ([]buildcfg.StringValue, bool) {
	if !strings.HasPrefix(raw, "${") {
		return nil, false
	}
	end, ok := refEnd(raw, 0)
	if !ok || end != len(raw) {
		return nil, false
	}
	name := v.expand(raw[2:end-1], false)
	if len(name) != 1 {
		return nil, false
	}
	elems, known := v[name[0]]
	return elems, known
}

// refEnd returns the offset just past the '}' closing the ${ at i, counting
// nested ${...}.
func refEnd(s string, i int) (int, bool) {
	depth := 0
	for j := i; j < len(s); j++ {
		switch {
		case s[j] == '\\':
			j++
		case s[j] == '$' && j+1 < len(s) && s[j+1] == '{':
			depth++
			j++
		case s[j] == '}':
			depth--
			if depth == 0 {
				return j + 1, true
			}
		}
	}
	return 0, false
}

// expand processes escapes and variable references of a quoted or unquoted
// argument's raw text. With split set, unescaped ';' (written or coming from
// a variable's value) separates elements.
func (v vars) expand(raw string, split bool) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(raw); i++ {
		if len(out) > maxListLen || cur.Len() > maxStringLen {
			break
		}
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw):
			i++
			switch n := raw[i]; n {
			case 't':
				cur.WriteByte('\t')
			case 'n':
				cur.WriteByte('\n')
			case 'r':
				cur.WriteByte('\r')
			case '\n':
				// A quoted argument's line continuation.
			case '\r':
				if i+1 < len(raw) && raw[i+1] == '\n' {
					i++
				}
			default:
				cur.WriteByte(n)
			}
		case c == ';' && split:
			out = append(out, cur.String())
			cur.Reset()
		case c == '$' && i+1 < len(raw) && raw[i+1] == '{':
			end, ok := refEnd(raw, i)
			if !ok {
				cur.WriteString(raw[i:])
				i = len(raw)
				continue
			}
			val, known := v.lookup(raw[i+2 : end-1])
			if !known || cur.Len()+len(val) > maxStringLen {
				cur.WriteString(raw[i:end])
			} else if split {
				parts := strings.Split(val, ";")
				cur.WriteString(parts[0])
				for _, p := range parts[1:] {
					out = append(out, cur.String())
					cur.Reset()
					cur.WriteString(p)
				}
			} else {
				cur.WriteString(val)
			}
			i = end - 1
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, cur.String())
}

// lookup expands a reference's name (which may itself hold references) and
// returns the variable's value as a ;-list.
func (v vars) lookup(nameRaw string) (string, bool) {
	name := strings.Join(v.expand(nameRaw, false), ";")
	elems, ok := v[name]
	if !ok {
		return "", false
	}
	return joinValues(elems), true
}
