package cfacts

import sitter "github.com/tree-sitter/go-tree-sitter"

// nodeNames holds a grammar's node kinds by symbol id and the ids of the
// fields the fact readers descend through. Node.Kind makes a new Go string
// on every call, and Node.ChildByFieldName a C string of the field's name
// (two more calls into C): reading the declarators and arguments of a
// 500-file lint that way made 300,000 kind strings, an eighth of its
// allocations.
type nodeNames struct {
	kinds                   []string
	declarator, name, value uint16
}

func newNodeNames(l *sitter.Language) nodeNames {
	k := nodeNames{
		kinds:      make([]string, l.NodeKindCount()),
		declarator: l.FieldIdForName("declarator"),
		name:       l.FieldIdForName("name"),
		value:      l.FieldIdForName("value"),
	}
	for id := range k.kinds {
		k.kinds[id] = l.NodeKindForId(uint16(id))
	}
	return k
}

// kind is n.Kind().
func (k *nodeNames) kind(n *sitter.Node) string {
	if id := n.KindId(); int(id) < len(k.kinds) {
		return k.kinds[id]
	}
	return n.Kind() // ERROR's id is past the table
}
