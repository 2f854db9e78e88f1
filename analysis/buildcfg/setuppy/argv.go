package setuppy

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// The ABI is a global option of setup.py (--hpy-abi=...), so scripts that
// pin it do so by editing the command line before setup() reads it.

const abiFlag = "--hpy-abi"

// argvABILeaf reads one command-line argument that sets the ABI:
// '--hpy-abi=universal', '--hpy-abi=' + ABI, f'--hpy-abi={ABI}'.
func (r *reader) argvABILeaf(n *sitter.Node, sc *scope) *abiLeaf {
	switch n.Kind() {
	case "string", "concatenated_string":
		if s, why := r.stringValue(n); why == "" {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(s), abiFlag+"="); ok {
				if abi := parseABI(rest); abi != buildcfg.ABIUnknown {
					return &abiLeaf{abi: abi, at: n}
				}
			}
			return nil
		}
		return r.fstringABI(n, sc)
	case "binary_operator":
		op, left, right := n.ChildByFieldName("operator"), n.ChildByFieldName("left"), n.ChildByFieldName("right")
		if op == nil || left == nil || right == nil || r.text(op) != "+" {
			return nil
		}
		if lv := r.eval(left, sc); lv.kind == vStr && strings.TrimSpace(lv.str.Value) == abiFlag+"=" {
			return r.subABI(right, sc)
		}
	}
	return nil
}

// fstringABI reads f'--hpy-abi={ABI}'.
func (r *reader) fstringABI(n *sitter.Node, sc *scope) *abiLeaf {
	var prefix strings.Builder
	var field *sitter.Node
	for _, c := range r.children(n) {
		switch c.Kind() {
		case "string_content":
			if field != nil {
				return nil // text after the field
			}
			prefix.WriteString(r.text(c))
		case "interpolation":
			if field != nil {
				return nil
			}
			field = c.ChildByFieldName("expression")
		}
	}
	if field == nil || strings.TrimSpace(prefix.String()) != abiFlag+"=" {
		return nil
	}
	return r.subABI(field, sc)
}

func (r *reader) subABI(n *sitter.Node, sc *scope) *abiLeaf {
	return r.abiOf(n, sc, r.plainABILeaf)
}

// readArgvABI finds the ABI forced through the command line the script
// hands to setuptools (sys.argv.insert(1, '--hpy-abi=universal'),
// sys.argv += [...], sys.argv[1:1] = [...]) and assignments to hpy.devel's
// DEFAULT_HPY_ABI or a distribution's hpy_abi.
func (r *reader) readArgvABI() {
	for _, c := range r.calls {
		fn := c.n.ChildByFieldName("function")
		if fn == nil || fn.Kind() != "attribute" || !r.isArgv(fn.ChildByFieldName("object")) {
			continue
		}
		sc := r.scopeOr(c.sc)
		args := r.elems(c.n.ChildByFieldName("arguments"))
		switch lastName(r, fn) {
		case "insert":
			if len(args) == 2 {
				r.argvArgs([]scopedNode{{args[1], sc}})
			}
		case "append":
			if len(args) == 1 {
				r.argvArgs([]scopedNode{{args[0], sc}})
			}
		case "extend":
			if len(args) == 1 {
				r.argvArgs(r.argvElements(args[0], sc, 0))
			}
		}
	}
	for _, a := range r.assigns {
		left, right := a.n.ChildByFieldName("left"), a.n.ChildByFieldName("right")
		if left == nil || right == nil {
			continue
		}
		sc := r.scopeOr(a.sc)
		if a.n.Kind() == "augmented_assignment" {
			if op := a.n.ChildByFieldName("operator"); op != nil && r.text(op) == "+=" && r.isArgv(left) {
				r.argvArgs(r.argvElements(right, sc, 0))
			}
			continue
		}
		switch {
		case r.isArgv(left), left.Kind() == "subscript" && r.isArgv(left.ChildByFieldName("value")):
			r.argvArgs(r.argvElements(right, sc, 0))
		case left.Kind() == "attribute" && (lastName(r, left) == "DEFAULT_HPY_ABI" || lastName(r, left) == "hpy_abi"):
			if s := r.abiValue(right, sc, r.plainABILeaf); s != nil {
				r.addABI(*s)
			}
		}
	}
}

func (r *reader) scopeOr(sc *scope) *scope {
	if sc == nil {
		return r.module
	}
	return sc
}

// argvArgs reads the ABI from a run of command-line arguments, accepting
// both '--hpy-abi=X' and '--hpy-abi', 'X'.
func (r *reader) argvArgs(args []scopedNode) {
	for i, a := range args {
		if s := r.abiValue(a.n, a.sc, r.argvABILeaf); s != nil {
			r.addABI(*s)
			continue
		}
		if v := r.eval(a.n, a.sc); v.kind == vStr && strings.TrimSpace(v.str.Value) == abiFlag && i+1 < len(args) {
			if s := r.abiValue(args[i+1].n, args[i+1].sc, r.plainABILeaf); s != nil {
				r.addABI(*s)
			}
		}
	}
}

// argvElements lists the elements of a list of arguments built from
// literals, names and concatenations; sys.argv slices add nothing.
func (r *reader) argvElements(n *sitter.Node, sc *scope, depth int) []scopedNode {
	n = r.unwrap(n)
	if n == nil || depth > 32 {
		return nil
	}
	switch n.Kind() {
	case "list", "tuple":
		var out []scopedNode
		for _, e := range r.elems(n) {
			if e.Kind() == "list_splat" {
				if inner := r.elems(e); len(inner) == 1 {
					out = append(out, r.argvElements(inner[0], sc, depth+1)...)
				}
				continue
			}
			out = append(out, scopedNode{e, sc})
		}
		return out
	case "binary_operator":
		return append(r.argvElements(n.ChildByFieldName("left"), sc, depth+1), r.argvElements(n.ChildByFieldName("right"), sc, depth+1)...)
	case "identifier":
		if c := r.candidates(n, sc); len(c) == 1 {
			return r.argvElements(c[0].value, c[0].sc, depth+1)
		}
	}
	return nil
}

// isArgv tells whether n is sys.argv.
func (r *reader) isArgv(n *sitter.Node) bool {
	if n == nil {
		return false
	}
	switch n.Kind() {
	case "identifier":
		return r.names.argv[r.text(n)]
	case "attribute":
		obj := n.ChildByFieldName("object")
		return lastName(r, n) == "argv" && obj != nil && r.names.sys[dotted(r.text(obj))]
	}
	return false
}
