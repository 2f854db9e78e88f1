// Package model is the project as the rules see it: build configs, the
// extensions they declare (with ABI and evidence), and the translation units
// with their facts.
package model

import (
	"path"
	"strconv"
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
	// DefaultABI is what an HPy extension is assumed to be built as when no
	// build config pins it ([tool.hpylint] abi, default universal).
	DefaultABI buildcfg.ABI
	byPath     map[string]*Unit
	lines      lineCache
	headerMemo headerMemo
	resolved   bool // facts are final (Resolve ran)
	defined    definedNames
	callGraphs callGraphs
	onDemand   onDemand
	elsewhere  elsewhere
	// cpythonTrees are copies of CPython in the project, whose definitions
	// are not the project's.
	cpythonTrees cpythonTrees
	// ParseOnDemand, when set, parses a file the parse phase left alone
	// (the engine's parse, with its cache); nil when it cannot be analysed.
	ParseOnDemand func(*source.File) *cfacts.Facts
}

// Unit returns the translation unit (or header) at path, if analysed.
func (p *Project) Unit(path string) *Unit { return p.byPath[path] }

// Config returns the build config read from path.
func (p *Project) Config(path string) *buildcfg.File {
	for _, c := range p.Configs {
		if c.Path == path {
			return c
		}
	}
	return nil
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

// ABIDecision is the ABI an extension is built with and why hpylint thinks so.
type ABIDecision struct {
	ABI buildcfg.ABI
	// Evidence is where the ABI was read; nil when it is the configured
	// default.
	Evidence *source.Location
	Text     string // what the evidence says, for messages
	Dynamic  bool   // interpreter-dependent; counted as universal
}

// Describe says how the ABI was decided, e.g. `universal, from setup.py:8 ...`.
func (d ABIDecision) Describe(lineOf func(source.Location) int) string {
	if d.Evidence == nil {
		return string(d.ABI) + " (the configured default: no build config pins the ABI)"
	}
	return string(d.ABI) + ", from " + d.Evidence.Path + ":" + strconv.Itoa(lineOf(*d.Evidence)) + " `" + d.Text + "`"
}

// SourcePath resolves a source path as written in a config file to a
// snapshot path: relative to the config's directory, cleaned.
func SourcePath(configPath, written string) string {
	written = strings.ReplaceAll(written, "\\", "/")
	if path.IsAbs(written) {
		return path.Clean(written)
	}
	return path.Join(path.Dir(configPath), written)
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
