package tomldoc

import (
	"reflect"
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"

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
		"# top\n[t] # h\na = 'x#y' # after\nb = {c = 1} # i\n[[u]]\n# in\n",
		"a = [1,\n# unclosed\n[t]\nb = 2 # kept\n",
		"[broken # c\nx = 1 # c2\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		checkComments(t, content)
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

// checkComments compares the comments the builder collects, looking only
// below nodes whose text has a '#', with every comment node of the tree.
func checkComments(t *testing.T, content []byte) {
	t.Helper()
	b, tree := begin(content)
	defer b.w.close()
	if tree == nil {
		return
	}
	defer tree.Close()
	var want []source.Comment
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		if n.Kind() == "comment" {
			want = append(want, source.Comment{Span: spanOf(n), Text: string(b.src[n.StartByte():n.EndByte()])})
			return
		}
		for i := uint(0); i < n.ChildCount(); i++ {
			walk(n.Child(i))
		}
	}
	walk(tree.RootNode())
	b.build(tree.RootNode())
	if !reflect.DeepEqual(b.doc.Comments, want) && (len(want) > 0 || len(b.doc.Comments) > 0) {
		t.Fatalf("comments\n got %+v\nwant %+v", b.doc.Comments, want)
	}
}
