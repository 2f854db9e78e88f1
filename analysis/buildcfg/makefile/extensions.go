package makefile

import (
	"fmt"
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

var sharedSuffixes = []string{".so", ".pyd", ".dylib"}

// soStem returns the module name of a shared-object target: the file name
// without any suffix (mod.hpy0.so, mod.cpython-311-x86_64-linux-gnu.so,
// mod$(EXT_SUFFIX) all give mod).
func soStem(target string) (string, bool) {
	base := path.Base(target)
	for _, s := range sharedSuffixes {
		if strings.HasSuffix(base, s) {
			stem, _, _ := strings.Cut(base, ".")
			return stem, stem != ""
		}
	}
	// An extension suffix computed by the shell stays as written, as
	// $(shell python3-config --extension-suffix) or a variable like
	// $(EXT_SUFFIX), $(SOEXT).
	if i := strings.LastIndex(base, "$("); i > 0 {
		tail := strings.ToLower(base[i:])
		if strings.Contains(tail, "suffix") || strings.Contains(tail, "ext") || strings.Contains(tail, "soabi") {
			stem, _, _ := strings.Cut(base[:i], ".")
			return stem, stem != ""
		}
	}
	return "", false
}

func isCSource(p string) bool {
	switch path.Ext(p) {
	case ".c", ".cc", ".cpp", ".cxx", ".C", ".c++":
		return true
	}
	return false
}

func isObject(p string) bool { return path.Ext(p) == ".o" || path.Ext(p) == ".obj" }

// implicitCompile and implicitLink are the variables make's built-in rules
// pass to the compiler and linker when a rule has no recipe.
var (
	implicitCompile = []string{"CFLAGS", "CXXFLAGS", "CPPFLAGS"}
	implicitLink    = []string{"LDFLAGS", "LOADLIBES", "LDLIBS"}
)

func implicitRecipe(names []string) *recipeLine {
	line := &recipeLine{}
	for _, n := range names {
		line.pieces = append(line.pieces,
			piece{kind: ref, start: -1, end: -1, name: n},
			piece{kind: literal, start: -1, end: -1, text: " "})
	}
	return line
}

// scoped is a recipe line with the variables it sees.
type scoped struct {
	line  *recipeLine
	scope vars
}

// extensions reports every shared object built from C sources: targets of
// explicit rules, and shared objects other rules depend on that a pattern
// rule (%.so: %.c) builds. A pattern rule no target instantiates is
// reported as written, named "%".
func (r *reader) extensions() {
	type target struct {
		name string
		at   word
	}
	var targets []target
	seen := map[string]bool{}
	add := func(w word) {
		if _, ok := soStem(w.value); ok && !strings.Contains(w.value, "%") && !seen[w.value] {
			seen[w.value] = true
			targets = append(targets, target{w.value, w})
		}
	}
	for _, rl := range r.rules {
		for _, t := range rl.targets {
			add(t)
		}
	}
	for _, rl := range r.rules {
		for _, p := range rl.prereqs {
			add(p)
		}
	}
	usedPatterns := map[*rule]bool{}
	for _, t := range targets {
		if pat := r.extension(t.name, t.at); pat != nil {
			usedPatterns[pat] = true
		}
	}
	for _, rl := range r.rules {
		if usedPatterns[rl] {
			continue
		}
		for _, t := range rl.targets {
			if _, ok := soStem(t.value); ok && strings.Contains(t.value, "%") {
				r.patternExtension(rl, t)
				break
			}
		}
	}
}

// extension builds the Extension for one shared-object target and returns
// the pattern rule it used, if any.
func (r *reader) extension(name string, at word) *rule {
	rules := r.ruleOf[name]
	var prereqs []word
	var recipe *rule
	for _, rl := range rules {
		prereqs = append(prereqs, rl.prereqsFor(name, &at)...)
		if recipe == nil && len(rl.recipe) > 0 {
			recipe = rl
		}
	}
	var pat *rule
	if recipe == nil {
		if p, stem := r.patternRule(name); p != nil {
			pat, recipe = p, p
			prereqs = append(prereqs, instantiate(p.prereqs, stem, &at)...)
		}
	}
	if len(rules) == 0 && pat == nil {
		return nil
	}
	decl := at
	header := source.Span{}
	if len(rules) > 0 {
		header = rules[0].header
		for _, t := range rules[0].targets {
			if t.value == name {
				decl = t
			}
		}
	} else {
		header = pat.header
	}
	if r.build(name, decl, header, prereqs, recipe, append(append([]*rule(nil), rules...), pat)) {
		return pat
	}
	return nil
}

// patternExtension reports a %.so pattern rule nothing instantiates, as
// written.
func (r *reader) patternExtension(rl *rule, t word) {
	r.build(t.value, t, rl.header, rl.prereqs, rl, []*rule{rl})
}

// build assembles an Extension from a shared object's prerequisites and the
// recipes that build it and its objects. It reports whether the target is
// built from C sources here.
func (r *reader) build(name string, at word, header source.Span, prereqs []word, recipe *rule, rules []*rule) bool {
	stem, _ := soStem(name)
	nameSpan, ok := at.span()
	if !ok {
		nameSpan = header
	}
	ext := buildcfg.Extension{
		Name: buildcfg.StringValue{Value: stem, Span: nameSpan},
		Decl: header,
		Kind: buildcfg.NativeTarget,
	}
	var lines []scoped
	scope := r.scope(name)
	if recipe != nil {
		for _, l := range recipe.recipe {
			lines = append(lines, scoped{l, scope})
		}
	}
	compiledHere := false
	for _, p := range prereqs {
		sp, ok := p.span()
		switch {
		case !ok:
		case isCSource(p.value):
			ext.Sources = append(ext.Sources, buildcfg.StringValue{Value: cleanPath(p.value), Span: sp})
			compiledHere = true
		case isObject(p.value):
			srcs, objLines := r.objectSources(p, name)
			ext.Sources = append(ext.Sources, srcs...)
			lines = append(lines, objLines...)
		case p.unknown:
			r.out.Unresolved = append(r.out.Unresolved, buildcfg.Unresolved{
				Span: sp,
				What: fmt.Sprintf("prerequisite %s of %s is not known statically", p.value, name),
			})
		}
	}
	if len(ext.Sources) == 0 {
		return false
	}
	ext.Sources = uniquePaths(ext.Sources)
	if recipe == nil {
		names := implicitLink
		if compiledHere {
			names = append(append([]string(nil), implicitCompile...), implicitLink...)
		}
		lines = append(lines, scoped{implicitRecipe(names), scope})
	}
	for _, rl := range rules {
		if rl != nil {
			rl.buildsExtension = true
		}
	}
	r.addFlags(&ext, lines)
	r.out.Extensions = append(r.out.Extensions, ext)
	return true
}

// objectSources finds the C sources of an object prerequisite: an explicit
// rule's .c prerequisites, else a pattern rule's (%.o: %.c), else make's
// built-in rule (x.o from x.c). Derived sources point at the object's word.
func (r *reader) objectSources(obj word, ext string) ([]buildcfg.StringValue, []scoped) {
	scope := r.scope(ext, obj.value)
	var srcs []buildcfg.StringValue
	var lines []scoped
	var recipe *rule
	collect := func(ws []word) {
		for _, w := range ws {
			if sp, ok := w.span(); ok && isCSource(w.value) {
				srcs = append(srcs, buildcfg.StringValue{Value: cleanPath(w.value), Span: sp})
			}
		}
	}
	for _, rl := range r.ruleOf[obj.value] {
		collect(rl.prereqsFor(obj.value, &obj))
		if recipe == nil && len(rl.recipe) > 0 {
			recipe = rl
		}
		rl.buildsExtension = true
	}
	if len(srcs) == 0 || recipe == nil {
		if pat, stem := r.patternRule(obj.value); pat != nil {
			if len(srcs) == 0 {
				collect(instantiate(pat.prereqs, stem, &obj))
			}
			if recipe == nil {
				recipe = pat
			}
			pat.buildsExtension = true
		}
	}
	if len(srcs) == 0 {
		if sp, ok := obj.span(); ok {
			c := strings.TrimSuffix(obj.value, path.Ext(obj.value)) + ".c"
			srcs = append(srcs, buildcfg.StringValue{Value: cleanPath(c), Span: sp})
		}
	}
	if recipe != nil {
		for _, l := range recipe.recipe {
			lines = append(lines, scoped{l, scope})
		}
	} else {
		lines = append(lines, scoped{implicitRecipe(implicitCompile), scope})
	}
	return srcs, lines
}

// addFlags reads the -D/-I/-l words of the recipes that build an
// extension. Defines written in top-level variables are directory-wide
// (they are the file's ABI); the first HPy ABI macro written in the recipe
// or a target-specific variable pins the extension's ABI.
func (r *reader) addFlags(ext *buildcfg.Extension, lines []scoped) {
	var f flags
	for _, l := range lines {
		g := readFlags(splitWords(expandIn(l.scope, r.src, l.line.pieces), true))
		f.defines = append(f.defines, g.defines...)
		f.includes = append(f.includes, g.includes...)
		f.libs = append(f.libs, g.libs...)
	}
	ext.Defines = dedupe(f.defines)
	ext.IncludeDirs = dedupe(f.includes)
	ext.Libraries = dedupe(f.libs)
	for _, d := range ext.Defines {
		if isABIMacro(d.Value) && !r.topLevel(d.Span) {
			ext.ABI = &buildcfg.ABISetting{
				ABI:  buildcfg.ParseABI(d.Value),
				Span: d.Span,
				Text: r.where(d.Span),
			}
			break
		}
	}
}

// uniquePaths keeps the first mention of each source: a file named both by
// an explicit rule and a pattern rule is one file.
func uniquePaths(in []buildcfg.StringValue) []buildcfg.StringValue {
	seen := map[string]bool{}
	var out []buildcfg.StringValue
	for _, v := range in {
		if !seen[v.Value] {
			seen[v.Value] = true
			out = append(out, v)
		}
	}
	return out
}
