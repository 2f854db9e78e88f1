package rules

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// What the import-lock rules (HPY301-HPY305) share: sites reached from the
// functions that run while an extension is imported, each with the
// shortest call path from its root, shown in the message and as related
// locations.

// initFinding is a site reached from an init root.
type initFinding struct {
	graph *model.CallGraph
	root  *model.Root
	fn    *model.Func // the function holding the site
	site  model.Site
	// path is the shortest call path from the root to fn; initFindings
	// fills it in for the findings it returns (keep may call Path).
	path []model.Step
}

// Path computes the finding's call path.
func (f initFinding) Path() []model.Step { return f.root.Reach().Path(f.fn) }

// initFindings emits the sites for which keep holds, each reached from
// roots of the given kinds, once, by the shortest path (the first root's
// on a tie), with the finding diagnose makes of it. A site in a header
// shared by several extensions is reported once. A graph's sites are the
// run before's while nothing the graph read changed (scopedSites).
func initFindings(pass *Pass, kinds []model.RootKind, keep func(initFinding) bool, diagnose func(initFinding) diag.Diagnostic) {
	best := map[source.Location]initSite{}
	var order []source.Location
	for _, spec := range pass.Project.CallGraphSpecs() {
		sites := pass.scopedSites(spec, func(g *model.CallGraph) []initSite { return graphSites(g, kinds, keep, diagnose) })
		for _, s := range sites {
			old, seen := best[s.loc]
			if !seen {
				order = append(order, s.loc)
			}
			if !seen || s.steps < old.steps {
				best[s.loc] = s
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		return a.Path < b.Path || a.Path == b.Path && a.Span.Start < b.Span.Start
	})
	for _, loc := range order {
		pass.Emit(best[loc].d)
	}
}

// initSite is a site one call graph reaches, with its finding.
type initSite struct {
	loc   source.Location
	steps int // the length of its call path
	d     diag.Diagnostic
}

// graphSites are g's sites for which keep holds, in the order its roots
// reach them, each once, by its shortest path from them.
func graphSites(g *model.CallGraph, kinds []model.RootKind, keep func(initFinding) bool, diagnose func(initFinding) diag.Diagnostic) []initSite {
	best := map[source.Location]initFinding{}
	var order []source.Location
	for _, r := range g.Roots {
		if !hasKind(kinds, r.Kind) {
			continue
		}
		for _, fn := range r.Reach().Funcs {
			for _, s := range fn.Sites() {
				f := initFinding{graph: g, root: r, fn: fn, site: s}
				if !keep(f) {
					continue
				}
				f.path = f.Path()
				old, seen := best[s.Loc]
				if !seen {
					order = append(order, s.Loc)
				}
				if !seen || len(f.path) < len(old.path) {
					best[s.Loc] = f
				}
			}
		}
	}
	out := make([]initSite, len(order))
	for i, loc := range order {
		f := best[loc]
		out[i] = initSite{loc: loc, steps: len(f.path), d: diagnose(f)}
	}
	return out
}

func hasKind(kinds []model.RootKind, k model.RootKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// allRootKinds are every kind of init root.
var allRootKinds = []model.RootKind{model.SinglePhaseInit, model.PyInitEntry, model.CreateSlot, model.ExecSlot}

// describePath shows a path and its final site:
// `exec (mod.c:40) → setup_types (types.c:12) → HPyImport_ImportModule("pkg.mod") (types.c:31)`.
func describePath(pass *Pass, f initFinding) string {
	locs, names := pathLocations(f)
	parts := make([]string, len(locs))
	for i, l := range labels(pass, locs) {
		parts[i] = names[i] + " (" + l + ")"
	}
	return strings.Join(parts, " → ")
}

// pathLocations are the path's functions and its site, with their names.
func pathLocations(f initFinding) ([]source.Location, []string) {
	locs := make([]source.Location, 0, len(f.path)+1)
	names := make([]string, 0, len(f.path)+1)
	for _, s := range f.path {
		locs, names = append(locs, s.Func.Location()), append(names, s.Func.Name())
	}
	return append(locs, f.site.Loc), append(names, f.site.What)
}

// labels shows locations as "file:line", files by their base name unless
// two of them share one.
func labels(pass *Pass, locs []source.Location) []string {
	byBase := map[string]string{}
	short := true
	for _, l := range locs {
		base := path.Base(l.Path)
		if other, ok := byBase[base]; ok && other != l.Path {
			short = false
		}
		byBase[base] = l.Path
	}
	out := make([]string, len(locs))
	for i, l := range locs {
		file := l.Path
		if short {
			file = path.Base(file)
		}
		out[i] = fmt.Sprintf("%s:%s", file, pass.Line(l))
	}
	return out
}

// pathRelated gives each step of the path as related information: the
// root where it is defined, then every call that leads on.
func pathRelated(f initFinding) []diag.Related {
	root := f.path[0].Func
	rel := []diag.Related{{Location: root.Location(), Message: fmt.Sprintf("%s runs during import: %s", root.Name(), describeRoot(f.root))}}
	for _, s := range f.path[1:] {
		rel = append(rel, diag.Related{Location: s.Call.Location(), Message: fmt.Sprintf("%s calls %s", s.Call.From.Name(), s.Func.Name())})
	}
	return rel
}

// describeRoot says why a function runs during import.
func describeRoot(r *model.Root) string {
	switch r.Kind {
	case model.SinglePhaseInit:
		if strings.HasPrefix(r.Func.Name(), "PyInit_") {
			return "a PyInit_ that creates its module (single-phase init)"
		}
		return "the single-phase init function of " + r.Via
	case model.PyInitEntry:
		return "the PyInit_ entrypoint"
	case model.CreateSlot:
		return "the create slot of " + r.Via
	}
	return "the exec slot of " + r.Via
}

// initDiagnostic is a finding at its site with the path as related
// information.
func initDiagnostic(pass *Pass, f initFinding, format string, args ...any) diag.Diagnostic {
	d := pass.Diagnostic(f.site.Loc, format, args...)
	d.Related = pathRelated(f)
	return d
}

// selfImport tells whether an import is of the extension itself ("module")
// or of a package containing it ("package"), whose __init__ imports it.
func selfImport(g *model.CallGraph, module string) (string, bool) {
	switch {
	case module == "":
		return "", false
	case module == g.Module:
		return "module", true
	case strings.HasPrefix(g.Module, module+"."):
		return "package", true
	}
	return "", false
}

// alwaysLoaded modules are in sys.modules before any extension loads:
// importing them takes no module lock and runs no code.
var alwaysLoaded = map[string]bool{"builtins": true, "sys": true}

// hazardousImport is an import site that can run another module's
// initialisation (and is not a self-import, which HPY303 reports).
func hazardousImport(f initFinding) bool {
	if f.site.Kind != model.ImportSite || alwaysLoaded[f.site.Module] {
		return false
	}
	_, self := selfImport(f.graph, f.site.Module)
	return !self
}

// importTarget names the module an import site imports, for messages.
func importTarget(s model.Site) string {
	if s.Module == "" {
		return "a module"
	}
	return quote(s.Module)
}

// importNoun names what an import site imports, for messages.
func importNoun(s model.Site) string {
	if s.Module == "" {
		return "an import"
	}
	return fmt.Sprintf("import of %q", s.Module)
}
