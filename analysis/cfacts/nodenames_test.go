package cfacts

import (
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// TestNodeNamesAreTheKinds walks every node of the testdata files, and of a
// text the grammar can only recover from (ERROR and MISSING nodes), and
// checks the kind by id against the grammar's own name for it.
func TestNodeNamesAreTheKinds(t *testing.T) {
	type text struct {
		name string
		src  []byte
		lang Lang
	}
	var texts []text
	for _, name := range testdataFiles {
		src, lang := readTestdata(t, name)
		texts = append(texts, text{name, src, lang})
	}
	broken := []byte("static int f(int a { return g(a, ; }\nint h) { ]] }\n")
	texts = append(texts, text{"broken C", broken, C}, text{"broken C++", broken, CPP})
	for _, tx := range texts {
		g, err := grammarFor(tx.lang)
		if err != nil {
			t.Fatal(err)
		}
		p := g.parsers.Get().(*sitter.Parser)
		_ = p.SetIncludedRanges(nil)
		tree := p.Parse(tx.src, nil)
		g.parsers.Put(p)
		seen, errors := 0, 0
		c := tree.Walk()
		for {
			n := c.Node()
			seen++
			if n.IsError() {
				errors++
			}
			if got, want := g.names.kind(n), n.Kind(); got != want {
				t.Errorf("%s: node at %d: kind %q, want %q", tx.name, n.StartByte(), got, want)
			}
			if c.GotoFirstChild() || c.GotoNextSibling() {
				continue
			}
			for c.GotoParent() && !c.GotoNextSibling() {
			}
			if c.Depth() == 0 {
				break
			}
		}
		c.Close()
		tree.Close()
		if tx.name != "broken C" && tx.name != "broken C++" {
			continue
		}
		if errors == 0 {
			t.Errorf("%s: no ERROR node among %d: the fallback is not exercised", tx.name, seen)
		}
	}
}
