package cfacts

import "testing"

func TestTraitIsAskedOncePerFacts(t *testing.T) {
	f, other := &Facts{}, &Facts{}
	asked := 0
	ask := func(v bool) func() bool { return func() bool { asked++; return v } }
	for range 3 {
		if !f.Trait(0, ask(true)) {
			t.Fatal("trait 0: want yes")
		}
		if f.Trait(MaxTraits-1, ask(false)) {
			t.Fatal("last trait: want no")
		}
	}
	if asked != 2 {
		t.Fatalf("asked %d times, want once per trait", asked)
	}
	// Another trait of the same facts, and the same trait of other facts,
	// are questions of their own.
	if f.Trait(1, ask(false)) || other.Trait(0, ask(false)) {
		t.Fatal("an answer leaked to another trait or other facts")
	}
	if asked != 4 {
		t.Fatalf("asked %d times, want 4", asked)
	}
}
