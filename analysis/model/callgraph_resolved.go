package model

// A function calls the same names over and over (numpy-hpy's module init
// calls PyErr_SetString and Py_DECREF hundreds of times), and each call
// was resolved again: a search of the statics of each of the source's
// project headers (a hundred in numpy-hpy), then of the whole project
// (resolveElsewhere). What a name resolves to from a file follows from
// the graph's files alone, which do not change while it lives, so a graph
// remembers each answer (graphBuilder.resolved). Two goroutines resolving
// one name at once get the same functions: funcOf makes each once.

// callAnswerKey is what a name is resolved from: a file, and the name.
type callAnswerKey struct {
	u    *Unit
	name string
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
