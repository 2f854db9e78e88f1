package cfacts

import (
	"math/rand"
	"reflect"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

func TestEditsBetweenSeesBothSidesOfARepeat(t *testing.T) {
	for _, c := range []struct {
		old, next string
		want      []Edit
	}{
		{"a;\nb", "a;\n\nb", []Edit{{2, 2, 3}, {3, 3, 4}}},
		{"abc", "abXc", []Edit{{2, 2, 3}}},
		{"abc", "ac", []Edit{{1, 2, 1}}},
		{"abc", "abc", []Edit{{0, 0, 0}}}, // no edit: nothing moves
		{"", "x", []Edit{{0, 0, 1}}},
	} {
		if got := EditsBetween([]byte(c.old), []byte(c.next)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("EditsBetween(%q, %q) = %v, want %v", c.old, c.next, got, c.want)
		}
	}
}

func TestMoveSpan(t *testing.T) {
	e := Edit{Start: 10, OldEnd: 12, NewEnd: 15} // two bytes became five
	for _, c := range []struct {
		in, want source.Span
		ok       bool
	}{
		{source.Span{Start: 2, End: 10}, source.Span{Start: 2, End: 10}, true},   // ends where the edit starts
		{source.Span{Start: 12, End: 20}, source.Span{Start: 15, End: 23}, true}, // starts where it ends
		{source.Span{Start: 5, End: 20}, source.Span{Start: 5, End: 23}, true},   // around it
		{source.Span{Start: 11, End: 20}, source.Span{}, false},                  // starts inside
		{source.Span{Start: 5, End: 11}, source.Span{}, false},                   // ends inside
	} {
		got, ok := e.MoveSpan(c.in)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("MoveSpan(%v) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func movedTo(t *testing.T, old, next string) bool {
	t.Helper()
	a, err := Extract(C, []byte(old))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Extract(C, []byte(next))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range EditsBetween([]byte(old), []byte(next)) {
		if _, ok := a.MovedTo(b, Move{Edit: e, SameComment: func(x, y string) bool { return x == y }}); ok {
			return true
		}
	}
	return false
}

func TestMovedTo(t *testing.T) {
	const src = "#define LIMIT 10\nstatic void f(void)\n{\n    PyErr_Clear();\n}\n"
	for _, c := range []struct {
		name, next string
		want       bool
	}{
		// The #define's span ends with its line break: the Enter is
		// seen as added after it.
		{"Enter after a #define", "#define LIMIT 10\n\nstatic void f(void)\n{\n    PyErr_Clear();\n}\n", true},
		{"Enter in a body", "#define LIMIT 10\nstatic void f(void)\n{\n\n    PyErr_Clear();\n}\n", true},
		{"a space before a call", "#define LIMIT 10\nstatic void f(void)\n{\n     PyErr_Clear();\n}\n", true},
		{"a renamed call", "#define LIMIT 10\nstatic void f(void)\n{\n    PyErr_Clearx();\n}\n", false},
		{"a new call", "#define LIMIT 10\nstatic void f(void)\n{\n    PyErr_Clear(); PyErr_Print();\n}\n", false},
	} {
		if got := movedTo(t, src, c.next); got != c.want {
			t.Errorf("%s: MovedTo = %v, want %v", c.name, got, c.want)
		}
	}
}

// Rules read only whether a file has syntax errors: two counts above zero
// are alike, zero and one are not.
func TestMovedToComparesSyntaxErrorsByPresence(t *testing.T) {
	a, b := &Facts{SyntaxErrors: 2}, &Facts{SyntaxErrors: 5}
	if _, ok := a.MovedTo(b, Move{SameComment: func(x, y string) bool { return x == y }}); !ok {
		t.Error("2 and 5 syntax errors told apart")
	}
	if _, ok := (&Facts{}).MovedTo(b, Move{SameComment: func(x, y string) bool { return x == y }}); ok {
		t.Error("0 and 5 syntax errors taken as alike")
	}
}

// The block compares of EditsBetween must find what a byte-by-byte scan
// finds, across block boundaries too.
func TestEditsBetweenMatchesAByteScan(t *testing.T) {
	naive := func(old, next []byte, prefixFirst bool) Edit {
		n := min(len(old), len(next))
		prefix, suffix := 0, 0
		if prefixFirst {
			for prefix < n && old[prefix] == next[prefix] {
				prefix++
			}
		}
		for suffix < n-prefix && old[len(old)-1-suffix] == next[len(next)-1-suffix] {
			suffix++
		}
		for prefix < n-suffix && old[prefix] == next[prefix] {
			prefix++
		}
		return Edit{Start: prefix, OldEnd: len(old) - suffix, NewEnd: len(next) - suffix}
	}
	rng := rand.New(rand.NewSource(1))
	for range 3000 {
		old := make([]byte, rng.Intn(1500))
		for i := range old {
			old[i] = "ab\n"[rng.Intn(3)]
		}
		at := rng.Intn(len(old) + 1)
		end := min(len(old), at+rng.Intn(4))
		next := slices.Concat(old[:at], []byte("ab\n"[:rng.Intn(3)]), old[end:])
		want := []Edit{naive(old, next, false)}
		if late := naive(old, next, true); late != want[0] && !(late.Start == late.OldEnd && late.OldEnd == late.NewEnd) {
			want = append(want, late)
		}
		if got := EditsBetween(old, next); !reflect.DeepEqual(got, want) {
			t.Fatalf("EditsBetween gives %v, a byte scan %v", got, want)
		}
	}
}

func TestSameArgText(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{`"a " "b"`, "\"a \"\n    \"b\"", true},
		{`f(x, y)`, "f(x,\n  y)", true},
		{`"a b"`, `"a  b"`, false}, // inside a literal every byte counts
		{`a+b`, "a+\nb", false},    // space where there was none
		{`x`, `y`, false},
		{`"a\" b" c`, "\"a\\\" b\"\nc", true},
		{`'"' x`, "'\"'\n x", true},
	} {
		if got := sameArgText(c.a, c.b); got != c.want {
			t.Errorf("sameArgText(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
