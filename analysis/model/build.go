package model

import (
	"bytes"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// New builds the project: extensions from the build configs, and a unit for
// every C/C++ file of the snapshot plus every existing source a config names
// (which may lie outside the paths that were walked). Facts are filled in
// later by the caller, in parallel.
func New(snap *source.Snapshot, configs []*buildcfg.File, defaultABI buildcfg.ABI) *Project {
	paths := snap.PathsShared()
	// The language server makes a project on every key: sized up front,
	// the indexes of a 2,000-file workspace are not grown and rehashed.
	p := &Project{Snapshot: snap, Configs: configs, DefaultABI: defaultABI, byPath: make(map[string]*Unit, len(paths)),
		configByPath: make(map[string]*buildcfg.File, len(configs))}
	if snap.NamesShared() {
		p.byReal = make(map[string]*Unit, len(paths))
	}
	for _, c := range configs {
		if p.configByPath[c.Path] == nil {
			p.configByPath[c.Path] = c // the first, as a search of Configs finds
		}
	}
	for _, path := range paths {
		if _, ok := cfacts.LangOf(path); ok {
			p.addUnit(path)
		}
	}
	for _, cfg := range configs {
		for i := range cfg.Extensions {
			p.addExtension(cfg, cfg.Extensions[i])
		}
	}
	p.SortUnits()
	return p
}

func (p *Project) addUnit(path string) *Unit {
	if u := p.byPath[path]; u != nil {
		return u
	}
	f := p.Snapshot.File(path)
	if f == nil {
		return nil
	}
	if f.Real != "" && p.indexesReals() {
		if u := p.byReal[f.Real]; u != nil {
			p.byPath[path] = u // another name of a file already met
			return u
		}
	}
	u := &Unit{Path: path, File: f}
	p.byPath[path] = u
	if f.Real != "" && p.byReal != nil {
		p.byReal[f.Real] = u
	}
	p.Units = append(p.Units, u)
	return u
}

// indexesReals reports whether the units are indexed by real path, which
// they are once the snapshot has a file under two names
// (source.Snapshot.NamesShared); until then a path is a file. The index
// is made then of the units so far, whose real paths all differ.
func (p *Project) indexesReals() bool {
	if p.byReal != nil {
		return true
	}
	if !p.Snapshot.NamesShared() {
		return false
	}
	p.byReal = make(map[string]*Unit, len(p.Units))
	for _, u := range p.Units {
		if u.File.Real != "" {
			p.byReal[u.File.Real] = u
		}
	}
	return true
}

// nameAsBuilt makes the name a build config compiles a file under the
// unit's name, when the walk met it first under another (a symbolic link,
// or the file a link points to): the compiler resolves its includes from
// that name, and findings are where the user's build says the file is.
// The first config to name it wins; a name outside the project never does.
func (p *Project) nameAsBuilt(u *Unit, path string) {
	if u.Path == path || len(u.Extensions) > 0 || strings.HasPrefix(path, "../") {
		return
	}
	if f := p.Snapshot.File(path); f != nil {
		u.Path, u.File = path, f
	}
}

func (p *Project) addExtension(cfg *buildcfg.File, decl buildcfg.Extension) {
	e := &Extension{Decl: decl, Config: cfg, Name: decl.Name.Value, HPy: decl.Kind == buildcfg.HPyExtension}
	e.ShortName = e.Name[strings.LastIndexByte(e.Name, '.')+1:]
	for _, src := range decl.Sources {
		sp := SourcePath(cfg.Path, src.Value)
		if _, isC := cfacts.LangOf(sp); !isC {
			// .pyx, .f90, .S...: not ours to analyse, but it exists or not all the same.
			if !p.Snapshot.Exists(sp) {
				e.Missing = append(e.Missing, src)
			}
			continue
		}
		u := p.addUnit(sp)
		if u == nil {
			e.Missing = append(e.Missing, src)
			continue
		}
		p.nameAsBuilt(u, sp)
		u.Extensions = append(u.Extensions, e)
		e.Units = append(e.Units, u)
	}
	p.Extensions = append(p.Extensions, e)
}

// NeedsFacts reports whether any rule can care about the unit, so files
// that cannot matter are never parsed.
func (p *Project) NeedsFacts(u *Unit) bool {
	if p.Snapshot.Excluded(u.Path) {
		return false
	}
	for _, e := range u.Extensions {
		if e.HPy || e.Decl.Kind == buildcfg.NativeTarget && e.mayUseHPy(p.Scans) {
			return true
		}
	}
	return p.Scans.Of(u.File).NeedsFacts
}

// mentionsHPyOrEntrypoint is the byte test for a file no HPy extension
// claims: only one that mentions HPy or a CPython entrypoint is parsed.
func mentionsHPyOrEntrypoint(c []byte) bool {
	return contains(c, "HPy") || contains(c, "PyInit_")
}

// Resolve finishes the model once facts are in: which native targets are
// HPy extensions, and every extension's ABI.
func (p *Project) Resolve() {
	p.resolved = true
	deciding := abiConfigs(p.Configs)
	for _, e := range p.Extensions {
		if e.Decl.Kind == buildcfg.NativeTarget {
			e.HPy = e.usesHPy()
		}
		e.ABI = p.decideABI(e, deciding)
	}
}

// abiConfig is a build config that writes an ABI setting, with its
// directory.
type abiConfig struct {
	c   *buildcfg.File
	dir string
}

// abiConfigs are the configs that write an ABI setting, in order: only
// they can decide an extension's ABI. Found once a run, not once an
// extension: a workspace of 400 packages, each with its setup.py and
// pyproject.toml, spent 28 ms of a key taking the directory of every
// config for every extension.
func abiConfigs(configs []*buildcfg.File) []abiConfig {
	var out []abiConfig
	for _, c := range configs {
		if len(c.ABI) > 0 {
			out = append(out, abiConfig{c, path.Dir(c.Path)})
		}
	}
	return out
}

// mayUseHPy is the cheap test for a native target (a CMake, meson or make
// library): only if some source mentions HPy can it be an HPy extension,
// and only then are its sources worth parsing. numpy's meson build
// declares dozens of extensions that are not.
func (e *Extension) mayUseHPy(scans *Scans) bool {
	if e.mayHPy != 0 {
		return e.mayHPy == 2
	}
	e.mayHPy = 1
	for _, u := range e.Units {
		// What makes a file HPy code, not a comment that mentions HPy
		// (numpy's array_coercion.c does).
		if scans.Of(u.File).HPyCode {
			e.mayHPy = 2
			return true
		}
	}
	return false
}

func (e *Extension) usesHPy() bool {
	for _, u := range e.Units {
		if u.Facts == nil {
			continue
		}
		if len(u.Facts.Modinits()) > 0 {
			return true
		}
		for _, inc := range u.Facts.Includes {
			if inc.Path == "hpy.h" || strings.HasPrefix(inc.Path, "hpy/") {
				return true
			}
		}
	}
	return false
}

// decideABI applies, of the configs that write an ABI setting
// (abiConfigs), the most specific evidence first: the declaration
// itself, then its file, then the other build files of its directory
// (setup.cfg, tox.ini, a Makefile driving setup.py), then build commands
// anywhere (CI workflows, scripts, a Makefile that cd's there) that build
// the extension's own directory, then what the sources #define. Where one
// level holds several settings (a CI matrix building both), universal
// wins: a universal binary is then built, and it must satisfy universal's
// rules. With no evidence, [tool.hpylint] abi pins it; failing that an
// hpy.devel extension gets hpy.devel's interpreter-dependent default, and
// a CMake, meson or make target (which defines HPY_ABI_* itself) the
// assumed default.
func (p *Project) decideABI(e *Extension, deciding []abiConfig) ABIDecision {
	if s := e.Decl.ABI; s != nil {
		return decisionFrom(e.Config.Path, *s)
	}
	dir := path.Dir(e.Config.Path)
	if s, ok := strictest(e.appliesTo(e.Config, dir, true)); ok {
		return decisionFrom(e.Config.Path, s)
	}
	for _, sameDir := range []bool{true, false} {
		var cands []buildcfg.ABISetting
		var from []string
		for _, ac := range deciding {
			c := ac.c
			if c == e.Config || (ac.dir == dir) != sameDir {
				continue
			}
			for _, s := range e.appliesTo(c, dir, sameDir) {
				cands = append(cands, s)
				from = append(from, c.Path)
			}
		}
		if s, ok := strictest(cands); ok {
			for i := range cands {
				if cands[i] == s {
					return decisionFrom(from[i], s)
				}
			}
		}
	}
	if d, ok := p.buildingSetupABI(e); ok {
		return d
	}
	if d, ok := e.sourceDefinedABI(); ok {
		return d
	}
	if p.StatedABI != buildcfg.ABIUnknown {
		return ABIDecision{ABI: p.StatedABI, Stated: true, From: p.StatedABIFrom}
	}
	if e.Decl.Kind == buildcfg.HPyExtension {
		// hpy.devel's DEFAULT_HPY_ABI: cpython on CPython, universal on
		// PyPy and GraalPy.
		return ABIDecision{ABI: buildcfg.ABIUniversal, Dynamic: true}
	}
	return ABIDecision{ABI: p.DefaultABI}
}

// buildingSetupABI reads the ABI of an hpy.devel extension declared by a
// setup.py that calls no setup() with hpy_ext_modules itself (a
// numpy.distutils configuration() of a subpackage) from the nearest
// setup.py above it that does: that script's setup() builds it, with its
// hpy_abi= or --hpy-abi.
func (p *Project) buildingSetupABI(e *Extension) (ABIDecision, bool) {
	if e.Decl.Kind != buildcfg.HPyExtension || e.Config.HPyExtModules != nil || path.Base(e.Config.Path) != "setup.py" {
		return ABIDecision{}, false
	}
	for dir := path.Dir(e.Config.Path); dir != "." && dir != "/" && path.Base(dir) != ".."; {
		dir = path.Dir(dir)
		c := p.Config(path.Join(dir, "setup.py"))
		if c == nil || c.HPyExtModules == nil {
			continue
		}
		var own []buildcfg.ABISetting
		for _, s := range c.ABI {
			if s.Target == "" {
				own = append(own, s)
			}
		}
		if s, ok := strictest(own); ok {
			return decisionFrom(c.Path, s), true
		}
		return ABIDecision{}, false
	}
	return ABIDecision{}, false
}

// appliesTo keeps the settings of c, a file in dir (when local) or
// elsewhere, that decide e's ABI: a build command's choice only for the
// setuptools project it builds, and, for a file of e's own directory, any
// other setting (setup.cfg's hpy_abi, a Makefile's -DHPY_ABI_*).
func (e *Extension) appliesTo(c *buildcfg.File, dir string, local bool) []buildcfg.ABISetting {
	var out []buildcfg.ABISetting
	for _, s := range c.ABI {
		if s.Target != "" {
			// CMake, meson and make targets carry their own flags.
			if e.Decl.Kind != buildcfg.NativeTarget && builds(c, s.Target, dir) {
				out = append(out, s)
			}
			continue
		}
		if local {
			out = append(out, s)
		}
	}
	return out
}

// builds reports whether a command of c whose target is written target
// builds the project in dir. A script (ProjectWide) runs from a root its
// path does not tell: its own directory or any above it.
func builds(c *buildcfg.File, target, dir string) bool {
	if !c.ProjectWide {
		return target == dir
	}
	for root := path.Dir(c.Path); ; root = path.Dir(root) {
		if path.Join(root, target) == dir {
			return true
		}
		if root == "." || root == "/" || path.Base(root) == ".." {
			return false
		}
	}
}

// strictest picks universal if any setting makes it: a literal one first,
// then an interpreter-dependent choice, then a build command's variable;
// else the last setting.
func strictest(settings []buildcfg.ABISetting) (buildcfg.ABISetting, bool) {
	if len(settings) == 0 {
		return buildcfg.ABISetting{}, false
	}
	for _, pick := range []func(s buildcfg.ABISetting) bool{
		func(s buildcfg.ABISetting) bool { return s.ABI == buildcfg.ABIUniversal && !s.Dynamic && !s.Varies },
		func(s buildcfg.ABISetting) bool { return s.Dynamic },
		func(s buildcfg.ABISetting) bool { return s.Varies },
	} {
		for _, s := range settings {
			if pick(s) {
				return s, true
			}
		}
	}
	return settings[len(settings)-1], true
}

func decisionFrom(cfgPath string, s buildcfg.ABISetting) ABIDecision {
	abi := s.ABI
	if s.Dynamic {
		abi = buildcfg.ABIUniversal // PyPy and GraalPy build it universal
	}
	return ABIDecision{ABI: abi, Evidence: &source.Location{Path: cfgPath, Span: s.Span}, Text: s.Text, Dynamic: s.Dynamic, Varies: s.Varies}
}

// AssumedABI is the ABI of a file no build config declares. When a
// setup.py at or above it builds HPy extensions (whose source lists
// hpylint could not all read), the file is taken to be one of theirs: the
// ABI they share, or hpy.devel's default. Else the stated ABI, else the
// assumed default.
func (p *Project) AssumedABI(u *Unit) ABIDecision {
	var nearest *buildcfg.File
	for _, c := range p.Configs {
		if c.HPyExtModules != nil && under(u.Path, path.Dir(c.Path)) &&
			(nearest == nil || len(c.Path) > len(nearest.Path)) {
			nearest = c
		}
	}
	if nearest != nil {
		if shared := p.sharedABI(nearest); shared != nil {
			return *shared
		}
	}
	if p.StatedABI != buildcfg.ABIUnknown {
		return ABIDecision{ABI: p.StatedABI, Stated: true, From: p.StatedABIFrom}
	}
	if nearest != nil {
		return ABIDecision{ABI: buildcfg.ABIUniversal, Dynamic: true}
	}
	return ABIDecision{ABI: p.DefaultABI}
}

// sharedABI is the ABI every HPy extension c declares is built with, nil
// if they differ or c declares none. Once resolved, it is worked out once
// per config: the rules ask it for every header, in a workspace of
// hundreds of extensions.
func (p *Project) sharedABI(c *buildcfg.File) *ABIDecision {
	if !p.resolved {
		return sharedABIOf(p.Extensions, c)
	}
	p.assumed.once.Do(func() {
		p.assumed.shared = map[*buildcfg.File]*ABIDecision{}
		for _, cfg := range p.Configs {
			if cfg.HPyExtModules != nil {
				p.assumed.shared[cfg] = sharedABIOf(p.Extensions, cfg)
			}
		}
	})
	return p.assumed.shared[c]
}

func sharedABIOf(extensions []*Extension, c *buildcfg.File) *ABIDecision {
	var shared *ABIDecision
	for _, e := range extensions {
		if e.Config != c || !e.HPy {
			continue
		}
		if shared != nil && !sameDecision(*shared, e.ABI) {
			return nil
		}
		d := e.ABI
		shared = &d
	}
	return shared
}

// assumedABIs memoizes sharedABI.
type assumedABIs struct {
	once   sync.Once
	shared map[*buildcfg.File]*ABIDecision
}

func sameDecision(a, b ABIDecision) bool {
	same := a.ABI == b.ABI && a.Dynamic == b.Dynamic && a.Varies == b.Varies && a.Stated == b.Stated && (a.Evidence == nil) == (b.Evidence == nil)
	return same && (a.Evidence == nil || *a.Evidence == *b.Evidence)
}

// under reports whether file lies in dir or below it.
func under(file, dir string) bool {
	return dir == "." || strings.HasPrefix(file, dir+"/")
}

func contains(b []byte, s string) bool { return bytes.Contains(b, []byte(s)) }

// SortUnits restores path order after headers were added.
func (p *Project) SortUnits() {
	less := func(i, j int) bool { return p.Units[i].Path < p.Units[j].Path }
	// Mostly already sorted: the walk lists files in path order, and the
	// language server makes a project on every key.
	if !sort.SliceIsSorted(p.Units, less) {
		sort.Slice(p.Units, less)
	}
}

// sourceDefinedABI is the ABI a source picks itself with #define HPY_ABI_*,
// for builds that pass no ABI flag (a plain Makefile, say).
func (e *Extension) sourceDefinedABI() (ABIDecision, bool) {
	for _, u := range e.Units {
		if u.Facts == nil {
			continue
		}
		for _, d := range u.Facts.Defines {
			if abi := buildcfg.ParseABI(d.Name); abi != buildcfg.ABIUnknown {
				return ABIDecision{ABI: abi, Evidence: &source.Location{Path: u.Path, Span: d.Span}, Text: "#define " + d.Name}, true
			}
		}
	}
	return ABIDecision{}, false
}

// isHPyCode is the byte-level test for HPy code: it defines a module or
// includes HPy, which a comment mentioning HPy does not.
func isHPyCode(content []byte) bool {
	return contains(content, "HPy_MODINIT") || contains(content, "hpy.h")
}

// HasHPyCodeUnder reports whether some C/C++ file of the snapshot below dir
// is HPy code: generic build files (Makefiles, CMake, meson) elsewhere
// cannot build an HPy extension and are not read.
func HasHPyCodeUnder(snap *source.Snapshot, dir string, scans *Scans) bool {
	prefix := dir + "/"
	if dir == "." || dir == "" {
		prefix = ""
	}
	for _, p := range snap.PathsShared() {
		if _, ok := cfacts.LangOf(p); !ok || !strings.HasPrefix(p, prefix) {
			continue
		}
		if f := snap.File(p); f != nil && scans.Of(f).HPyCode {
			return true
		}
	}
	return false
}

// HPYDefined reports whether the macro HPY is defined when u is compiled,
// and whether that is known. hpy.devel defines it for every extension it
// builds (setup.py hpy_ext_modules and their setup.cfg/pyproject forms); a
// CMake, meson or make target only through its own -DHPY; a plain
// setuptools extension never. A file no build config lists is unknown.
// Where several extensions compile u and disagree, it is unknown too.
func (p *Project) HPYDefined(u *Unit) (defined, known bool) {
	for i, e := range u.Extensions {
		d := e.definesHPY()
		if i > 0 && d != defined {
			return false, false
		}
		defined = d
	}
	return defined, len(u.Extensions) > 0
}

func (e *Extension) definesHPY() bool {
	if e.Decl.Kind == buildcfg.HPyExtension {
		return true
	}
	for _, d := range e.Decl.Defines {
		if d.Value == "HPY" {
			return true
		}
	}
	return false
}

// CompiledWithHPY reports whether code at off of f, compiled as part of
// root, survives `#ifdef HPY` / `#ifndef HPY` (and their `#if defined`
// forms): code in the branch the build does not take is not compiled.
func (p *Project) CompiledWithHPY(root *Unit, f *cfacts.Facts, off int) bool {
	defined, known := p.HPYDefined(root)
	if !known {
		return true
	}
	return f.Compiled(off, func(macro string) (bool, bool) {
		if macro == "HPY" {
			return defined, true
		}
		return false, false
	})
}
