package makefile

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/shellcmd"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Read parses a Makefile and returns the shared objects it builds from C
// sources, the ABI its flags and build commands choose, its directory-wide
// include directories and libraries, comments and problems. path is
// slash-separated and relative to the project root; spans are byte offsets
// into content.
func Read(path string, content []byte) *buildcfg.File {
	r := newReader(path, content)
	r.finish()
	return r.out
}

// newReader parses content and reads its statements, in file order.
func newReader(path string, content []byte) *reader {
	root, problems := parse(content)
	r := &reader{
		src: content,
		out: &buildcfg.File{Path: path, Problems: problems},
		vars: vars{
			// $(CURDIR)/x names a path relative to this Makefile.
			"CURDIR": {pieces: []piece{{kind: literal, start: -1, end: -1, text: "."}}},
		},
		ruleOf: map[string][]*rule{},
	}
	r.walk(root, nil)
	return r
}

type reader struct {
	src  []byte
	out  *buildcfg.File
	vars vars

	assigns []*assignment
	rules   []*rule
	ruleOf  map[string][]*rule // explicit rules by target
	// orphans are tab lines outside any rule; their commands still count.
	orphans []*recipeLine
}

// assignment is one NAME op value line.
type assignment struct {
	name, op string
	value    source.Span // the value as written
	pieces   []piece
	// targets is set for target-specific assignments (t: NAME += v).
	targets []string
	// scope is the variable table to read the value with.
	scope vars
}

// recipeLine is one logical recipe line, its shell text as pieces.
type recipeLine struct {
	pieces []piece
}

func (r *reader) comment(start, end int) {
	for end > start && (r.src[end-1] == '\r' || r.src[end-1] == ' ' || r.src[end-1] == '\t') {
		end--
	}
	r.out.Comments = append(r.out.Comments, source.Comment{
		Span: source.Span{Start: start, End: end},
		Text: string(r.src[start:end]),
	})
}

// walk visits statements in file order. Conditionals are not evaluated:
// every branch is read, in order.
func (r *reader) walk(n *node, cur *rule) {
	for _, c := range n.children {
		switch c.kind {
		case "comment":
			r.comment(c.start, c.end)
		case "variable_assignment":
			r.assignment(c)
		case "define_directive":
			r.define(c)
		case "shell_assignment":
			// Its value is a command's output: the variable is unknown.
			if name := c.child("name"); name != nil {
				delete(r.vars, r.text(name))
			}
		case "rule":
			rl := r.rule(c)
			for _, sub := range c.children {
				if sub.kind == "recipe" {
					r.walk(sub, rl)
				}
			}
		case "recipe_line":
			line := r.recipeLine(c)
			if cur != nil {
				cur.recipe = append(cur.recipe, line)
			} else {
				r.orphans = append(r.orphans, line)
			}
		case "override_directive", "export_directive", "private_directive",
			"conditional", "else_directive", "elsif_directive", "recipe", "ERROR":
			r.walk(c, cur)
		}
	}
}

func (r *reader) assignment(n *node) {
	name, op := n.child("name"), n.child("operator")
	if name == nil || op == nil {
		return
	}
	a := &assignment{name: r.text(name), op: r.text(op)}
	if v := n.child("value"); v != nil {
		pieces, comment := r.piecesOf(v, true)
		a.pieces = pieces
		a.value = v.span()
		if comment != nil {
			r.comment(comment.Start, comment.End)
			a.value.End = comment.Start
		}
	}
	if t := n.child("target_or_pattern"); t != nil {
		pieces, _ := r.piecesOf(t, false)
		for _, w := range splitWords(expandIn(r.vars, r.src, pieces), false) {
			a.targets = append(a.targets, w.value)
		}
		r.assigns = append(r.assigns, a)
		return
	}
	a.scope = r.vars
	if old, ok := r.vars[a.name]; a.op == ":=" || a.op == "::=" || a.op == ":::=" || (a.op == "+=" && ok && !old.recursive()) {
		// Text for a simple variable expands with the variables of this
		// moment; for a recursive one, with the final ones.
		a.scope = r.vars.clone()
	}
	assign(r.vars, a.name, a.op, a.pieces)
	r.assigns = append(r.assigns, a)
}

// define reads define NAME ... endef. The grammar keeps its body as raw
// text, so references in it stay as written.
func (r *reader) define(n *node) {
	name := n.child("name")
	if name == nil {
		return
	}
	op := "="
	if o := n.child("operator"); o != nil {
		op = r.text(o)
	}
	var pieces []piece
	a := &assignment{name: r.text(name), op: op}
	if v := n.child("value"); v != nil {
		pieces = []piece{r.literal(v.start, v.end)}
		a.value = v.span()
	}
	a.pieces = pieces
	a.scope = r.vars
	assign(r.vars, a.name, op, pieces)
	r.assigns = append(r.assigns, a)
}

func (r *reader) recipeLine(n *node) *recipeLine {
	line := &recipeLine{}
	for _, c := range n.children {
		if c.kind == "shell_text" {
			pieces, _ := r.piecesOf(c, false)
			line.pieces = append(line.pieces, pieces...)
			line.pieces = append(line.pieces, piece{kind: literal, start: -1, end: -1, text: " "})
		}
	}
	return line
}

// where names the statement holding a span, for ABISetting texts.
func (r *reader) where(s source.Span) string {
	text := string(r.src[s.Start:s.End])
	for _, a := range r.assigns {
		if a.value.Start <= s.Start && s.End <= a.value.End && a.value.End > a.value.Start {
			if a.targets != nil {
				return fmt.Sprintf("%s: %s %s ... %s", strings.Join(a.targets, " "), a.name, a.op, text)
			}
			return fmt.Sprintf("%s %s ... %s", a.name, a.op, text)
		}
	}
	return text
}

// topLevel reports whether a span lies in the value of a variable
// assignment that is not target-specific: what is written there applies to
// the whole directory.
func (r *reader) topLevel(s source.Span) bool {
	for _, a := range r.assigns {
		if a.targets == nil && a.value.Start <= s.Start && s.End <= a.value.End {
			return true
		}
	}
	return false
}

func (r *reader) finish() {
	r.extensions()
	r.directoryFlags()
	r.buildCommands()
	sort.SliceStable(r.out.Comments, func(i, j int) bool {
		return r.out.Comments[i].Span.Start < r.out.Comments[j].Span.Start
	})
	sort.SliceStable(r.out.Problems, func(i, j int) bool {
		return r.out.Problems[i].Span.Start < r.out.Problems[j].Span.Start
	})
}

// directoryFlags reads every top-level assignment's words: -D HPY ABI
// macros pin the file's ABI, -I and -l are directory-wide.
func (r *reader) directoryFlags() {
	var f flags
	for _, a := range r.assigns {
		if a.targets != nil {
			continue
		}
		words := splitWords(expandIn(a.scope, r.src, a.pieces), false)
		g := readFlags(words)
		f.defines = append(f.defines, g.defines...)
		f.includes = append(f.includes, g.includes...)
		f.libs = append(f.libs, g.libs...)
	}
	for _, d := range dedupe(f.defines) {
		if isABIMacro(d.Value) {
			r.out.ABI = append(r.out.ABI, buildcfg.ABISetting{
				ABI:  buildcfg.ParseABI(d.Value),
				Span: d.Span,
				Text: r.where(d.Span),
			})
		}
	}
	r.out.IncludeDirs = dedupe(f.includes)
	r.out.Libraries = dedupe(f.libs)
}

// buildCommands finds ABI choices in build commands (setup.py, pip) of
// every recipe, and HPy ABI macros written in recipes that build no
// extension this reader found.
func (r *reader) buildCommands() {
	seen := map[source.Span]bool{}
	scan := func(line *recipeLine, scope vars, extRule bool) {
		words := splitWords(expandIn(scope, r.src, line.pieces), true)
		// Each recipe line runs in its own shell, in the Makefile's
		// directory; a choice counts for the project its command builds.
		cwd := shellcmd.NewCwd()
		for _, cmd := range shellcmd.CommandsOf(words, func(w word) bool { return w.op }) {
			values := make([]string, len(cmd))
			for i, w := range cmd {
				values[i] = w.value
			}
			hits := shellcmd.ABI(values)
			target, placed := "", false
			if len(hits) > 0 {
				if dir, ok := shellcmd.Target(values); ok {
					target, placed = cwd.Resolve(path.Dir(r.out.Path), dir)
				}
			}
			cwd.Step(values)
			for _, h := range hits {
				w := cmd[h.Word]
				sp, ok := w.span()
				if !ok || seen[sp] {
					continue
				}
				seen[sp] = true
				abi := shellcmd.ABIOf(h.Value)
				if abi == buildcfg.ABIUnknown {
					if w.unknown {
						r.out.Unresolved = append(r.out.Unresolved, buildcfg.Unresolved{
							Span: sp,
							What: fmt.Sprintf("HPy ABI %q is not known statically", h.Value),
						})
						if placed {
							// Some build of the project may be universal.
							r.out.ABI = append(r.out.ABI, buildcfg.ABISetting{ABI: buildcfg.ABIUniversal, Varies: true, Span: sp, Text: string(r.src[sp.Start:sp.End]), Target: target})
						}
					}
					continue
				}
				if placed {
					r.out.ABI = append(r.out.ABI, buildcfg.ABISetting{ABI: abi, Span: sp, Text: string(r.src[sp.Start:sp.End]), Target: target})
				}
			}
		}
		if extRule {
			return
		}
		for _, d := range readFlags(words).defines {
			if isABIMacro(d.Value) && !r.topLevel(d.Span) && !seen[d.Span] {
				seen[d.Span] = true
				r.out.ABI = append(r.out.ABI, buildcfg.ABISetting{
					ABI: buildcfg.ParseABI(d.Value), Span: d.Span, Text: string(r.src[d.Span.Start:d.Span.End]),
				})
			}
		}
	}
	for _, rl := range r.rules {
		scope := r.scope(rl.targetValues()...)
		for _, line := range rl.recipe {
			scan(line, scope, rl.buildsExtension)
		}
	}
	for _, line := range r.orphans {
		scan(line, r.vars, false)
	}
}
