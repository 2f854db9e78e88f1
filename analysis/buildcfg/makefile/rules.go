package makefile

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// rule is one make rule with its targets and prerequisites expanded as
// make does when it reads the rule, and its recipe kept for later.
type rule struct {
	header  source.Span // targets: prerequisites, without the recipe
	targets []word
	prereqs []word
	recipe  []*recipeLine
	// staticPattern is set for "targets: %.o: %.c" rules.
	staticPattern *staticPattern
	// buildsExtension marks rules that build a shared object this reader
	// reports (their flags belong to that extension).
	buildsExtension bool
}

type staticPattern struct {
	target  string
	prereqs []word
}

func (rl *rule) targetValues() []string {
	out := make([]string, len(rl.targets))
	for i, t := range rl.targets {
		out[i] = t.value
	}
	return out
}

func (r *reader) words(n *node) []word {
	if n == nil {
		return nil
	}
	pieces, _ := r.piecesOf(n, false)
	return splitWords(expandIn(r.vars, r.src, pieces), false)
}

func (r *reader) rule(n *node) *rule {
	rl := &rule{}
	end := n.end
	for _, c := range n.children {
		switch {
		case c.kind == "targets":
			rl.targets = r.words(c)
		case c.field == "normal":
			rl.prereqs = r.words(c)
		case c.kind == "recipe":
			end = c.start
		}
	}
	if t, p := n.child("target"), n.child("prerequisite"); t != nil {
		sp := &staticPattern{target: strings.TrimSpace(r.text(t))}
		sp.prereqs = r.words(p)
		rl.staticPattern = sp
	}
	for end > n.start && strings.IndexByte(" \t\r\n", r.src[end-1]) >= 0 {
		end--
	}
	rl.header = source.Span{Start: n.start, End: end}
	r.rules = append(r.rules, rl)
	for _, t := range rl.targets {
		if !strings.Contains(t.value, "%") {
			r.ruleOf[t.value] = append(r.ruleOf[t.value], rl)
		}
	}
	return rl
}

// prereqsFor returns a rule's prerequisites for one of its targets: a
// static pattern rule's come from its patterns with the target's stem.
// Derived words point at `at`, the word naming the target.
func (rl *rule) prereqsFor(target string, at *word) []word {
	if rl.staticPattern == nil {
		return rl.prereqs
	}
	stem, ok := match(rl.staticPattern.target, target)
	if !ok {
		return rl.prereqs
	}
	return instantiate(rl.staticPattern.prereqs, stem, at)
}

// instantiate puts stem in the % of pattern prerequisites. A derived word
// points at `at` when given (the word naming what it was derived for).
func instantiate(patterns []word, stem string, at *word) []word {
	var out []word
	for _, p := range patterns {
		w := p
		w.value = strings.Replace(p.value, "%", stem, 1)
		if at != nil && strings.Contains(p.value, "%") {
			w.parts = at.parts
		}
		out = append(out, w)
	}
	return out
}

// patternRule returns the first pattern rule whose target pattern matches
// name, and the stem.
func (r *reader) patternRule(name string) (*rule, string) {
	for _, rl := range r.rules {
		for _, t := range rl.targets {
			if !strings.Contains(t.value, "%") {
				continue
			}
			if stem, ok := match(t.value, name); ok {
				return rl, stem
			}
		}
	}
	return nil, ""
}

// scope is the variable table a recipe of these targets sees: the file's
// variables with the matching target-specific assignments applied.
func (r *reader) scope(targets ...string) vars {
	var scope vars
	for _, a := range r.assigns {
		if a.targets == nil || !matchesAny(a.targets, targets) {
			continue
		}
		if scope == nil {
			scope = r.vars.clone()
		}
		assign(scope, a.name, a.op, a.pieces)
	}
	if scope == nil {
		return r.vars
	}
	return scope
}

func matchesAny(patterns, targets []string) bool {
	for _, p := range patterns {
		for _, t := range targets {
			if _, ok := match(p, t); ok {
				return true
			}
		}
	}
	return false
}
