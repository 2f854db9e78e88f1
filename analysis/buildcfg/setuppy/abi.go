package setuppy

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// abiLeaf is the ABI one candidate expression says, and where it says it.
type abiLeaf struct {
	abi     buildcfg.ABI
	dynamic bool
	at      *sitter.Node
}

// leafFunc reads one candidate expression; nil means it says no ABI.
type leafFunc func(n *sitter.Node, sc *scope) *abiLeaf

// abiValue reads the ABI an expression decides, following names (with the
// conditional reassignments that may replace them) and both branches of a
// conditional expression. Branches that disagree make the setting Dynamic;
// it then counts as its least CPython-bound ABI, since that is what other
// interpreters build.
func (r *reader) abiValue(n *sitter.Node, sc *scope, leaf leafFunc) *buildcfg.ABISetting {
	if l := r.abiOf(n, sc, leaf); l != nil {
		return r.abiSetting(*l)
	}
	return nil
}

// abiOf is abiValue before the result is turned into an ABISetting.
func (r *reader) abiOf(n *sitter.Node, sc *scope, leaf leafFunc) *abiLeaf {
	// Names with several candidates can fan out; a budget keeps odd input
	// from taking exponential time. Nested calls (f-strings) share it.
	if r.abiBudget <= 0 {
		r.abiBudget = 256
		defer func() { r.abiBudget = 0 }()
	}
	var leaves []abiLeaf
	anchor := r.abiExpand(n, sc, 0, func(l *sitter.Node, lsc *scope) {
		if res := leaf(l, lsc); res != nil {
			leaves = append(leaves, *res)
		} else {
			leaves = append(leaves, abiLeaf{at: l})
		}
	})
	if len(leaves) == 1 {
		if leaves[0].abi == buildcfg.ABIUnknown {
			return nil
		}
		return &leaves[0]
	}
	seen := map[buildcfg.ABI]bool{}
	dynamic := false
	for _, l := range leaves {
		seen[l.abi] = true
		dynamic = dynamic || l.dynamic
	}
	best := abiLeaf{at: anchor, dynamic: dynamic || len(seen) > 1}
	for _, abi := range []buildcfg.ABI{buildcfg.ABIUniversal, buildcfg.ABIHybrid, buildcfg.ABICPython} {
		if seen[abi] {
			best.abi = abi
			break
		}
	}
	if best.abi == buildcfg.ABIUnknown {
		return nil
	}
	return &best
}

func (r *reader) abiSetting(l abiLeaf) *buildcfg.ABISetting {
	text := strings.Join(strings.Fields(r.text(l.at)), " ")
	if rs := []rune(text); len(rs) > 120 {
		text = string(rs[:119]) + "…"
	}
	return &buildcfg.ABISetting{ABI: l.abi, Dynamic: l.dynamic, Span: r.span(l.at), Text: text}
}

// abiExpand calls leaf for each expression n may stand for. It returns the
// node a diagnostic should point at: the literal a chain of names leads to,
// or the expression where a choice is made.
func (r *reader) abiExpand(n *sitter.Node, sc *scope, depth int, leaf func(*sitter.Node, *scope)) *sitter.Node {
	n = r.unwrap(n)
	if n == nil {
		return nil
	}
	r.abiBudget--
	if depth > 32 || r.abiBudget <= 0 {
		leaf(n, sc)
		return n
	}
	switch n.Kind() {
	case "identifier":
		cands := r.candidates(n, sc)
		switch len(cands) {
		case 0:
			leaf(n, sc)
			return n
		case 1:
			return r.abiExpand(cands[0].value, cands[0].sc, depth+1, leaf)
		}
		for _, c := range cands {
			r.abiExpand(c.value, c.sc, depth+1, leaf)
		}
		return n
	case "conditional_expression":
		if e := r.elems(n); len(e) == 3 {
			r.abiExpand(e[0], sc, depth+1, leaf)
			r.abiExpand(e[2], sc, depth+1, leaf)
			return n
		}
	}
	leaf(n, sc)
	return n
}

// candidates returns the assignments a name may hold at its use: the last
// unconditional one and the conditional ones after it, as in
//
//	DEFAULT_HPY_ABI = 'universal'
//	if sys.implementation.name == 'cpython':
//	    DEFAULT_HPY_ABI = 'cpython'
func (r *reader) candidates(id *sitter.Node, sc *scope) []event {
	name := r.text(id)
	pos := id.StartByte()
	for s := sc; s != nil; s = s.parent {
		var evs []event
		for _, e := range s.events[name] {
			if e.end <= pos && (e.kind == evAssign || e.kind == evOpaque) {
				evs = append(evs, e)
			}
		}
		if len(evs) == 0 {
			if s.params[name] {
				return nil
			}
			pos = ^uint(0)
			continue
		}
		start := 0
		for i := len(evs) - 1; i >= 0; i-- {
			if !evs[i].cond {
				start = i
				break
			}
		}
		var out []event
		for _, e := range evs[start:] {
			if e.kind == evAssign && !e.inLoop {
				out = append(out, e)
			}
		}
		return out
	}
	return nil
}

// plainABILeaf reads an ABI name: 'universal', 'HPY_ABI_UNIVERSAL'...
func (r *reader) plainABILeaf(n *sitter.Node, sc *scope) *abiLeaf {
	if n.Kind() != "string" && n.Kind() != "concatenated_string" {
		return nil
	}
	s, why := r.stringValue(n)
	if why != "" {
		return nil
	}
	if abi := parseABI(s); abi != buildcfg.ABIUnknown {
		return &abiLeaf{abi: abi, at: n}
	}
	return nil
}

func parseABI(s string) buildcfg.ABI {
	s = strings.TrimSpace(s)
	if abi := buildcfg.ParseABI(s); abi != buildcfg.ABIUnknown {
		return abi
	}
	return buildcfg.ParseABI(strings.ToLower(s))
}

// abiKeyword reads hpy_abi=... given to setup().
func (r *reader) abiKeyword(val *sitter.Node, sc *scope) {
	if s := r.abiValue(val, sc, r.plainABILeaf); s != nil {
		s.Pinnable = r.pinnable(val, sc, s.Span)
		r.addABI(*s)
		return
	}
	if v := r.eval(val, sc); v.kind == vUnknown {
		r.addUnresolved(r.unresolved("hpy_abi", val, v))
	}
}

// nestedABI finds hpy_abi settings nested in setup()'s arguments, such as
// options={'build_ext': {'hpy_abi': 'universal'}}. Extension(...) calls are
// skipped: what they say belongs to the extension.
func (r *reader) nestedABI(args *sitter.Node, sc *scope) {
	var visit func(n *sitter.Node)
	visit = func(n *sitter.Node) {
		switch n.Kind() {
		case "call":
			if fn := n.ChildByFieldName("function"); fn != nil && r.isExtensionCallee(fn) {
				return
			}
		case "keyword_argument":
			if name, val := n.ChildByFieldName("name"), n.ChildByFieldName("value"); name != nil && val != nil && r.text(name) == "hpy_abi" {
				r.abiKeyword(val, sc)
			}
		case "pair":
			if k, val := n.ChildByFieldName("key"), n.ChildByFieldName("value"); k != nil && val != nil {
				if kv := r.eval(k, sc); kv.kind == vStr && (kv.str.Value == "hpy_abi" || kv.str.Value == "hpy-abi") {
					r.abiKeyword(val, sc)
				}
			}
		case "lambda":
			return
		}
		for _, c := range r.elems(n) {
			visit(c)
		}
	}
	if args != nil {
		visit(args)
	}
}

func (r *reader) addABI(s buildcfg.ABISetting) {
	if r.abiSeen[s.Span] {
		return
	}
	r.abiSeen[s.Span] = true
	r.file.ABI = append(r.file.ABI, s)
}
