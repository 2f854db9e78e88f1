package tomldoc

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// FuzzParse checks that no input makes Parse panic or return spans outside
// the content. Run with: go test -fuzz FuzzParse ./analysis/tomldoc/
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		spanDoc,
		"a = \"\"\"\n\\\n  x\"\"\"\n",
		"[[a.b]]\n[a.b.c]\nd = [1, {e = 'f'}]\n",
		"a = 1 b = 2\n[t]]\n",
		"a.b = 1\n[a]\n",
		"\"\\u00e9\" = 0x_1\n",
		"x = [\n# c\n1,\n]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		d, ps := Parse(content)
		check := func(what string, s source.Span) {
			if s.Start < 0 || s.Start > s.End || s.End > len(content) {
				t.Fatalf("%s span %+v outside content of %d bytes", what, s, len(content))
			}
		}
		for _, p := range ps {
			check("problem", p.Span)
		}
		for _, c := range d.Comments {
			check("comment", c.Span)
		}
		var walk func(v *Value)
		walk = func(v *Value) {
			check("value", v.Span)
			check("key", v.KeySpan)
			check("entry", v.EntrySpan)
			for _, e := range v.Elems {
				walk(e)
			}
			if v.Table != nil {
				for _, k := range v.Table.Keys() {
					e, _ := v.Table.Get(k)
					walk(e)
				}
			}
		}
		walk(&Value{Kind: KindTable, Table: d.Root})
	})
}
