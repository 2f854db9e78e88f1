// Package model is the project as the rules see it: build configs, the
// extensions they declare (with ABI and evidence), and the translation units
// with their facts.
package model

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Project is one analysis run's model.
type Project struct {
	Snapshot   *source.Snapshot
	Configs    []*buildcfg.File
	Extensions []*Extension
	Units      []*Unit // sorted by path
	// DefaultABI is what a CMake, meson or make target, or a file no build
	// config declares, is assumed to be built as when nothing pins it
	// ([tool.hpylint] abi, default universal). hpy.devel extensions have a
	// default of their own (see decideABI).
	DefaultABI buildcfg.ABI
	// Scans remembers the text tests of files across runs; nil tests
	// afresh.
	Scans *Scans
	// configByPath indexes Configs: rules and the ABI's decision look
	// configs up by path for every extension.
	configByPath map[string]*buildcfg.File
	byPath       map[string]*Unit
	byReal       map[string]*Unit // the same units by the file's real path: one file, one unit (nil while no file has two names)
	lines        lineCache
	headerMemo   headerMemo
	// resolutions remembers include resolution (includes.go).
	resolutions resolutions
	resolved    bool // facts are final (Resolve ran)
	defined     definedNames
	callGraphs  callGraphs
	assumed     assumedABIs
	onDemand    onDemand
	elsewhere   elsewhere
	graphTables graphTables
	// cpythonTrees are copies of CPython in the project, whose definitions
	// are not the project's.
	cpythonTrees cpythonTrees
	// Walked is what the parse phase made of the files, once it finished
	// (the engine's); nil before, or when it did not.
	Walked *Walked
	// ParseOnDemand, when set, parses a file the parse phase left alone
	// (the engine's parse, with its cache); nil when it cannot be analysed.
	ParseOnDemand func(*source.File) *cfacts.Facts

	// StatedABI is the user's own statement of the ABI they build
	// ([tool.hpylint] abi), "" when not set; StatedABIFrom says where it is
	// written, for messages. It pins every HPy extension no build config
	// pins.
	StatedABI     buildcfg.ABI
	StatedABIFrom string
}

// Unit returns the translation unit (or header) at path, if analysed.
func (p *Project) Unit(path string) *Unit { return p.byPath[path] }

// Config returns the build config read from path.
func (p *Project) Config(path string) *buildcfg.File {
	return p.configByPath[path]
}

// Unit is one C or C++ file and its facts.
type Unit struct {
	Path string
	File *source.File
	// Facts is nil when the file was not parsed: unreadable, or a file no
	// rule can care about (it mentions neither HPy nor the CPython
	// entrypoint and no HPy extension claims it).
	Facts      *cfacts.Facts
	Extensions []*Extension // the extensions listing it as a source
}

// Extension is one extension module declared in a build config.
type Extension struct {
	Decl   buildcfg.Extension
	Config *buildcfg.File
	// Name is the full dotted name; ShortName the last component, the
	// name HPy_MODINIT must use.
	Name, ShortName string
	// HPy is set for hpy_ext_modules entries, and for native targets whose
	// sources use HPy.
	HPy     bool
	Units   []*Unit                // the sources that exist, in declaration order
	Missing []buildcfg.StringValue // listed sources that do not exist
	ABI     ABIDecision
	// mayHPy caches mayUseHPy: 0 unknown, 1 no, 2 yes.
	mayHPy int8
}

// Location of the extension's declaration.
func (e *Extension) Location() source.Location {
	return source.Location{Path: e.Config.Path, Span: e.Decl.Decl}
}

// ABIDecision is the ABI an extension is built with and why hpylint thinks
// so. It is in one of four states:
//   - pinned by a build config or build command: Evidence says where
//     (Varies when the command's ABI is a variable, counted as universal);
//   - pinned by the user's [tool.hpylint] abi: Stated, From says where;
//   - interpreter-dependent (Dynamic, ABI universal): cpython on CPython,
//     universal on PyPy and GraalPy, by hpy.devel's default (Evidence nil)
//     or by a rule the build config writes out (Evidence set);
//   - assumed: nothing says it, for a target hpy.devel does not build.
type ABIDecision struct {
	ABI buildcfg.ABI
	// Evidence is where the ABI was read; nil when no file of the project
	// says it.
	Evidence *source.Location
	Text     string // what the evidence says, for messages
	// Dynamic marks an interpreter-dependent ABI. ABI is then universal:
	// the rules count it as universal, what PyPy and GraalPy build.
	Dynamic bool
	// Stated is set when the user's configuration ([tool.hpylint] abi)
	// decides the ABI; From names that setting.
	Stated bool
	From   string
	// Varies marks a build command that chooses the ABI through a variable
	// (Evidence): universal for some of its builds as far as hpylint can
	// tell, so ABI is universal.
	Varies bool
}

// InterpreterDependent reports whether the ABI depends on the interpreter
// that builds the extension (cpython on CPython, universal elsewhere).
func (d ABIDecision) InterpreterDependent() bool { return d.Dynamic }

// Pinned reports whether something the user wrote fixes the ABI to one
// mode for every interpreter: a build config, a build command, a source's
// #define or [tool.hpylint] abi.
func (d ABIDecision) Pinned() bool { return !d.Dynamic && (d.Evidence != nil || d.Stated) }

// Describe says how the ABI was decided, e.g. `universal, from setup.py:8 ...`.
func (d ABIDecision) Describe(lineOf func(source.Location) string) string {
	switch {
	case d.Dynamic && d.Evidence != nil:
		return "universal on PyPy and GraalPy, cpython on CPython, as " + d.where(lineOf) + " writes out"
	case d.Dynamic:
		return "universal on PyPy and GraalPy, cpython on CPython, by hpy.devel's default: no build config or build command pins the ABI"
	case d.Varies:
		return string(d.ABI) + " (checked as such): " + d.where(lineOf) + " chooses the ABI when built, through a variable"
	case d.Evidence != nil:
		return string(d.ABI) + ", from " + d.where(lineOf)
	case d.Stated:
		from := "[tool.hpylint] abi"
		if d.From != "" {
			from = d.From
		}
		return string(d.ABI) + ", as " + from + " states: no build config pins the ABI"
	}
	return string(d.ABI) + " (hpylint's assumption: no build config pins the ABI; set [tool.hpylint] abi to say which one you build)"
}

func (d ABIDecision) where(lineOf func(source.Location) string) string {
	return d.Evidence.Path + ":" + lineOf(*d.Evidence) + " `" + d.Text + "`"
}

// SourcePath resolves a source path as written in a config file to a
// snapshot path: relative to the config's directory, cleaned.
func SourcePath(configPath, written string) string {
	// Two clean relative paths join without cleaning: the language server
	// resolves every source of every config on every key.
	if cleanRelative(configPath) && cleanRelative(written) && !strings.Contains(written, "\\") {
		if i := strings.LastIndexByte(configPath, '/'); i >= 0 {
			return configPath[:i+1] + written
		}
		return written
	}
	written = strings.ReplaceAll(written, "\\", "/")
	if path.IsAbs(written) {
		return path.Clean(written)
	}
	return path.Join(path.Dir(configPath), written)
}

// cleanRelative reports whether p is a relative path that path.Clean
// leaves as it is and that does not climb out (no "." or ".." part).
func cleanRelative(p string) bool {
	if p == "" || p[0] == '/' || p[len(p)-1] == '/' {
		return false
	}
	for part := range strings.SplitSeq(p, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// NameLocation is where the extension's name is written in its build config.
func (e *Extension) NameLocation() source.Location {
	span := e.Decl.Name.Span
	if span == (source.Span{}) {
		span = e.Decl.Decl
	}
	return source.Location{Path: e.Config.Path, Span: span}
}

// SourceList names the sources for messages: "a.c, b.c".
func (e *Extension) SourceList() string {
	var names []string
	for _, s := range e.Decl.Sources {
		names = append(names, s.Value)
	}
	if len(names) == 0 {
		return "no sources"
	}
	return strings.Join(names, ", ")
}
