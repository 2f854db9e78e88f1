package cfacts

import "sync"

// Some values other packages work out from a file's facts alone are asked
// for on every key (the index of a file's functions by name, for each
// call graph that compiles it), and the facts of the files not being
// edited are the same from key to key. Derived remembers them in the
// facts, for as long as the facts are a file's. Traits are the yes-or-no
// answers; this is for the rest.
//
// Facts are shared by every file with the same content, whatever its
// path: a derived value must not hold one.

// derived holds Derived's values, by key.
type derived struct {
	mu     sync.Mutex
	values map[any]*derivedValue
}

// derivedValue is one value, made under its own lock: a caller that asks
// while another goroutine makes it waits for that one rather than making
// it again (a run works out what it will ask of a changed file's facts
// beside the model, analysis/warm.go).
type derivedValue struct {
	mu   sync.Mutex
	made bool
	v    any
}

// Derived returns the value for key, made by make once for these facts:
// make must depend on the facts alone (and on what key names), and
// callers must not change what it returns. key is compared with ==. make
// may ask for a value of another key, never for its own. A make that
// panics leaves the value to the next caller.
func (f *Facts) Derived(key any, make func() any) any {
	d := &f.derived
	d.mu.Lock()
	dv := d.values[key]
	if dv == nil {
		if d.values == nil {
			d.values = map[any]*derivedValue{}
		}
		dv = &derivedValue{}
		d.values[key] = dv
	}
	d.mu.Unlock()
	dv.mu.Lock()
	defer dv.mu.Unlock()
	if !dv.made {
		dv.v, dv.made = make(), true
	}
	return dv.v
}
