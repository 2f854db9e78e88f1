package rules

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
)

func testEntry(msg string) scopedEntry {
	return scopedEntry{found: []diag.Diagnostic{{Message: msg}}}
}

func sameMap(a, b map[string]scopedEntry) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// messages are a table's parts, name=message, sorted.
func messages(t scopeTable) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(t.base)) {
		e, _ := t.get(name)
		out = append(out, name+"="+e.found[0].Message)
	}
	return out
}

// A pass that visits the run before's parts hands over that run's table
// when it kept them all, and lays the parts it worked out again over that
// table's base; otherwise it hands over a table of what it visited, no
// more: twice the same part and one left out is not the same visit.
func TestScopeTablesAreHandedOverWhenThePartsAreTheSame(t *testing.T) {
	prev := tableOf(map[string]scopedEntry{"a": testEntry("a0"), "b": testEntry("b0"), "c": testEntry("c0")})
	type visit struct {
		name string
		kept bool
	}
	for _, c := range []struct {
		what     string
		visits   []visit
		sameBase bool // the run before's base, not a new map
		want     []string
	}{
		{"all kept", []visit{{"a", true}, {"b", true}, {"c", true}}, true, []string{"a=a0", "b=b0", "c=c0"}},
		{"one worked out again", []visit{{"a", true}, {"b", false}, {"c", true}}, true, []string{"a=a0", "b=b1", "c=c0"}},
		{"one twice, one left out", []visit{{"a", true}, {"a", true}, {"b", true}}, false, []string{"a=a0", "b=b0"}},
		{"one left out", []visit{{"a", true}, {"c", true}}, false, []string{"a=a0", "c=c0"}},
		{"a new one", []visit{{"a", true}, {"b", true}, {"c", true}, {"d", false}}, false, []string{"a=a0", "b=b0", "c=c0", "d=d1"}},
		{"a new one for a left out one", []visit{{"a", true}, {"b", true}, {"d", false}}, false, []string{"a=a0", "b=b0", "d=d1"}},
	} {
		r := partsRecord{prev: prev, prevOK: true}
		for _, v := range c.visits {
			e, _ := prev.get(v.name)
			if !v.kept {
				e = testEntry(v.name + "1")
			}
			r.visit(v.name, e, v.kept)
		}
		got, ok := r.table()
		if !ok {
			t.Fatalf("%s: no table", c.what)
		}
		if same := sameMap(got.base, prev.base); same != c.sameBase {
			t.Errorf("%s: handed over the run before's base: %v, want %v", c.what, same, c.sameBase)
		}
		if m := messages(got); !slices.Equal(m, c.want) {
			t.Errorf("%s: parts %v, want %v", c.what, m, c.want)
		}
		if got.sum != tableOf(got.flat()).sum {
			t.Errorf("%s: the table's sum is not its names'", c.what)
		}
		if m := messages(prev); !slices.Equal(m, []string{"a=a0", "b=b0", "c=c0"}) {
			t.Fatalf("%s: the run before's table was written: %v", c.what, m)
		}
	}
	if _, ok := (&partsRecord{prev: prev, prevOK: true}).table(); ok {
		t.Error("a pass that visited no part hands over a table")
	}
}

// Parts worked out again run after run are laid over the same base until
// there are more than maxOver of them; then they make a new base.
func TestScopeTablesLayPartsOverTheirBaseUpToABound(t *testing.T) {
	m := map[string]scopedEntry{}
	var names []string
	for i := range 3 * maxOver {
		name := fmt.Sprintf("p%03d", i)
		names = append(names, name)
		m[name] = testEntry(name + "@0")
	}
	table := tableOf(m)
	base := table.base
	for run := 1; run <= maxOver+1; run++ {
		r := partsRecord{prev: table, prevOK: true}
		for i, name := range names {
			if i == run-1 {
				r.visit(name, testEntry(fmt.Sprintf("%s@%d", name, run)), false)
			} else {
				e, _ := table.get(name)
				r.visit(name, e, true)
			}
		}
		next, _ := r.table()
		if run <= maxOver && (!sameMap(next.base, base) || len(next.over) != run) {
			t.Fatalf("run %d: %d parts over the base (the same base: %v), want %d over the same", run, len(next.over), sameMap(next.base, base), run)
		}
		if run > maxOver && (sameMap(next.base, base) || len(next.over) != 0) {
			t.Fatalf("run %d: %d parts over the base past the bound, want a new base", run, len(next.over))
		}
		for i, name := range names {
			want := name + "@0"
			if i < run {
				want = fmt.Sprintf("%s@%d", name, i+1)
			}
			if e, _ := next.get(name); e.found[0].Message != want {
				t.Fatalf("run %d: %s is %q, want %q", run, name, e.found[0].Message, want)
			}
		}
		table = next
	}
}
