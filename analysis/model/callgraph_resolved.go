package model

import "sync"

// A function calls the same names over and over (numpy-hpy's module init
// calls PyErr_SetString and Py_DECREF hundreds of times), and each call
// was resolved again: a search of the statics of each of the source's
// project headers (a hundred in numpy-hpy), then of the whole project
// (resolveElsewhere). What a name resolves to from a file follows from
// the graph's files alone, which do not change while it lives, so a graph
// remembers each answer.

// callAnswers are a graph's answers by file and name.
type callAnswers struct {
	mu sync.Mutex
	m  map[callAnswerKey][]*Func
}

type callAnswerKey struct {
	u    *Unit
	name string
}

// of is the answer for name from u, worked out by resolve when first
// asked. Two goroutines asking at once may both work it out; both get
// the same functions (funcOf makes each once).
func (r *callAnswers) of(u *Unit, name string, resolve func() []*Func) []*Func {
	k := callAnswerKey{u, name}
	r.mu.Lock()
	fs, ok := r.m[k]
	r.mu.Unlock()
	if ok {
		return fs
	}
	fs = resolve()
	r.mu.Lock()
	if r.m == nil {
		r.m = map[callAnswerKey][]*Func{}
	}
	r.m[k] = fs
	r.mu.Unlock()
	return fs
}

// headersWithStatics are the project headers of u that define a static
// function the graph's ABI compiles, in u's order: where resolve looks
// before the extension's other files. Most headers define none, and a
// numpy-hpy source has a hundred.
func (b *graphBuilder) headersWithStatics(u *Unit) []*Unit {
	if hs, ok := b.withStatics.Load(u); ok {
		return hs.([]*Unit)
	}
	var hs []*Unit
	for _, h := range b.headers[u] {
		if b.static[h] != nil {
			hs = append(hs, h)
		}
	}
	b.withStatics.Store(u, hs)
	return hs
}
