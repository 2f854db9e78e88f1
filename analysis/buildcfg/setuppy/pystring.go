package setuppy

import (
	"strconv"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// stringValue decodes a string literal or implicitly concatenated literals
// ('a' 'b'). why is non-empty when the value is only known at run time (an
// f-string with a replacement field).
func (r *reader) stringValue(n *sitter.Node) (s, why string) {
	return r.stringValueIn(n, nil)
}

// stringValueIn is stringValue that also fills an f-string's replacement
// fields whose expressions evaluate, in scope sc, to strings (`f"src/{name}.c"`
// in a loop over known names). A nil sc evaluates none.
func (r *reader) stringValueIn(n *sitter.Node, sc *scope) (s, why string) {
	if n.Kind() == "concatenated_string" {
		var b strings.Builder
		for _, part := range r.elems(n) {
			v, why := r.stringValueIn(part, sc)
			if why != "" {
				return "", why
			}
			b.WriteString(v)
		}
		return b.String(), ""
	}
	if n.Kind() != "string" {
		return "", "is not a string literal"
	}
	var b strings.Builder
	raw := false
	for _, c := range r.children(n) {
		switch c.Kind() {
		case "string_start":
			prefix := strings.ToLower(strings.TrimRight(r.text(c), `'"`))
			raw = strings.Contains(prefix, "r")
		case "string_content":
			if raw {
				b.WriteString(r.text(c))
			} else {
				b.WriteString(unescape(r.text(c)))
			}
		case "escape_interpolation":
			b.WriteString(r.text(c)[:1]) // {{ or }}
		case "interpolation":
			v, ok := r.interpolation(c, sc)
			if !ok {
				return "", "an f-string is evaluated at build time"
			}
			b.WriteString(v)
		}
	}
	return b.String(), ""
}

// unescape decodes the backslash escapes a path or macro name may hold.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case '\n':
			// line continuation inside the literal
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'x':
			if i+2 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
					b.WriteByte(byte(v))
					i += 2
					continue
				}
			}
			b.WriteString(`\x`)
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String()
}

// interpolation evaluates one {expr} of an f-string to a string; a
// conversion (!r) or format spec (:>4) is left to the build.
func (r *reader) interpolation(n *sitter.Node, sc *scope) (string, bool) {
	if sc == nil {
		return "", false
	}
	var expr *sitter.Node
	for _, c := range r.elems(n) {
		switch c.Kind() {
		case "type_conversion", "format_specifier":
			return "", false
		default:
			if expr != nil {
				return "", false
			}
			expr = c
		}
	}
	if expr == nil {
		return "", false
	}
	v := r.eval(expr, sc)
	if v.kind != vStr {
		return "", false
	}
	return v.str.Value, true
}
