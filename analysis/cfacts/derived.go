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
	values map[any]any
}

// Derived returns the value for key, made by make once for these facts:
// make must depend on the facts alone (and on what key names), and
// callers must not change what it returns. key is compared with ==.
func (f *Facts) Derived(key any, make func() any) any {
	d := &f.derived
	d.mu.Lock()
	v, ok := d.values[key]
	d.mu.Unlock()
	if ok {
		return v
	}
	// Made outside the lock: make may ask for another value. Two
	// goroutines may both make it; the first to store wins, so every
	// caller gets one value.
	v = make()
	d.mu.Lock()
	defer d.mu.Unlock()
	if had, ok := d.values[key]; ok {
		return had
	}
	if d.values == nil {
		d.values = map[any]any{}
	}
	d.values[key] = v
	return v
}
