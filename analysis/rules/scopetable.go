package rules

import (
	"hash/maphash"
	"maps"
)

// A rule's parts, by name, as one run hands them to the next. Building
// the table anew on every key, one insertion a part, cost a millisecond
// of a key in a workspace of 400 extensions, for tables that are nearly
// always the run before's with a part or two worked out again. A pass
// that visits the same parts as the run before therefore hands over that
// run's table, with the parts it worked out again laid over it. Whether
// it visited the same parts is told without a set: the same number of
// visits, and the same sum of the names' hashes.

// scopeTable is a rule's parts and the sum of their names' hashes. Its
// maps are never written once handed over: the run after reads them,
// and may hand them on.
type scopeTable struct {
	base map[string]scopedEntry
	// over are parts worked out again since base was made, which stand
	// in front of base's; a few, until maxOver.
	over map[string]scopedEntry
	sum  uint64
}

// maxOver bounds the parts laid over a table's base: past it they are
// put together in a new base.
const maxOver = 64

func (t scopeTable) get(name string) (scopedEntry, bool) {
	if e, ok := t.over[name]; ok {
		return e, true
	}
	e, ok := t.base[name]
	return e, ok
}

// len is the number of parts: over holds only parts of base.
func (t scopeTable) len() int { return len(t.base) }

// flat is the table's parts in one new map.
func (t scopeTable) flat() map[string]scopedEntry {
	m := maps.Clone(t.base)
	if m == nil {
		m = map[string]scopedEntry{}
	}
	maps.Copy(m, t.over)
	return m
}

func nameHash(name string) uint64 { return maphash.String(pathSeed, name) }

// partsRecord is what a pass visited of its rule's parts.
type partsRecord struct {
	prev   scopeTable // the run before's, looked up once a pass
	prevOK bool
	kept   []string // the parts kept from the run before, by name
	fresh  map[string]scopedEntry
	visits int
	sum    uint64 // of the visited names' hashes
}

func (r *partsRecord) visit(scope string, e scopedEntry, kept bool) {
	r.visits++
	r.sum += nameHash(scope)
	if kept {
		if r.kept == nil {
			r.kept = make([]string, 0, r.prev.len())
		}
		r.kept = append(r.kept, scope)
		return
	}
	if r.fresh == nil {
		r.fresh = map[string]scopedEntry{}
	}
	r.fresh[scope] = e
}

// table is the pass's parts for the next run, and false when it visited
// none.
func (r *partsRecord) table() (scopeTable, bool) {
	if r.visits == 0 {
		return scopeTable{}, false
	}
	prev := r.prev
	if r.visits == prev.len() && r.sum == prev.sum && r.freshIn(prev) {
		if len(r.fresh) == 0 {
			return prev, true
		}
		over := maps.Clone(prev.over)
		if over == nil {
			over = make(map[string]scopedEntry, len(r.fresh))
		}
		maps.Copy(over, r.fresh)
		t := scopeTable{base: prev.base, over: over, sum: prev.sum}
		if len(over) > maxOver {
			t = scopeTable{base: t.flat(), sum: prev.sum}
		}
		return t, true
	}
	m := make(map[string]scopedEntry, r.visits)
	for _, name := range r.kept {
		m[name], _ = prev.get(name)
	}
	maps.Copy(m, r.fresh)
	return tableOf(m), true
}

// freshIn reports whether every part the pass worked out again is one
// of t's.
func (r *partsRecord) freshIn(t scopeTable) bool {
	for name := range r.fresh {
		if _, ok := t.base[name]; !ok {
			return false
		}
	}
	return true
}

// tableOf is m as a table of its own.
func tableOf(m map[string]scopedEntry) scopeTable {
	var sum uint64
	for name := range m {
		sum += nameHash(name)
	}
	return scopeTable{base: m, sum: sum}
}
