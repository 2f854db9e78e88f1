package model

import "sync"

// Reach is what one root runs: every function it calls, directly or not,
// each with its shortest call path (breadth-first, so recursion ends).
type Reach struct {
	Root *Root
	// Funcs are the functions reached, root first, nearest first.
	Funcs []*Func
	via   map[*Func]Step
}

// Step is one function on a call path, with the call that leads to it
// from the previous step (nil for the root).
type Step struct {
	Func *Func
	Call *CallEdge
}

type reachCache struct {
	once sync.Once
	r    *Reach
}

// Reach returns what the root reaches, computed once.
func (r *Root) Reach() *Reach {
	r.reach.once.Do(func() { r.reach.r = reach(r) })
	return r.reach.r
}

func reach(r *Root) *Reach {
	res := &Reach{Root: r, Funcs: []*Func{r.Func}, via: map[*Func]Step{r.Func: {Func: r.Func}}}
	for i := 0; i < len(res.Funcs); i++ {
		f := res.Funcs[i]
		calls := f.Calls()
		for j := range calls {
			e := &calls[j]
			if _, ok := res.via[e.To]; ok {
				continue
			}
			res.via[e.To] = Step{Func: e.To, Call: e}
			res.Funcs = append(res.Funcs, e.To)
		}
	}
	return res
}

// Path is the shortest call path from the root to f (root first), or nil
// when f is not reached.
func (r *Reach) Path(f *Func) []Step {
	if _, ok := r.via[f]; !ok {
		return nil
	}
	var rev []Step
	for cur := f; ; {
		s := r.via[cur]
		rev = append(rev, s)
		if s.Call == nil {
			break
		}
		cur = s.Call.From
	}
	path := make([]Step, len(rev))
	for i, s := range rev {
		path[len(rev)-1-i] = s
	}
	return path
}

// Finds reports whether a site for which ok holds is reached.
func (r *Reach) Finds(ok func(Site) bool) bool {
	for _, f := range r.Funcs {
		for _, s := range f.Sites() {
			if ok(s) {
				return true
			}
		}
	}
	return false
}
