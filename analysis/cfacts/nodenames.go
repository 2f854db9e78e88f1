package cfacts

import sitter "github.com/tree-sitter/go-tree-sitter"

// kindNames is a grammar's node kinds by symbol id. Node.Kind makes a new
// Go string on every call: reading the declarators and arguments of a
// 500-file lint that way made 300,000 kind strings, an eighth of its
// allocations. (The readers take fields by the ids of declKinds, where
// Node.ChildByFieldName made a C string of the name on every call.)
type kindNames []string

func newKindNames(l *sitter.Language) kindNames {
	k := make(kindNames, l.NodeKindCount())
	for id := range k {
		k[id] = l.NodeKindForId(uint16(id))
	}
	return k
}

// kind is n.Kind().
func (k kindNames) kind(n *sitter.Node) string {
	if id := n.KindId(); int(id) < len(k) {
		return k[id]
	}
	return n.Kind() // ERROR's id is past the table
}
