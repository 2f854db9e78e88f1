package model

import "sync"

// answers remembers a project's or a graph's answers to one question by
// what it was asked of: what is worked out from a project's files holds
// for as long as the project, whose files do not change.
type answers[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

// of is the answer for k, worked out by work when first asked. Two
// goroutines asking at once may both work it out, and must get equal
// answers.
func (a *answers[K, V]) of(k K, work func() V) V {
	a.mu.Lock()
	v, ok := a.m[k]
	a.mu.Unlock()
	if ok {
		return v
	}
	v = work()
	a.mu.Lock()
	if a.m == nil {
		a.m = map[K]V{}
	}
	a.m[k] = v
	a.mu.Unlock()
	return v
}
