// Package buildcfg is the common shape every build-config reader produces
// (setup.py, pyproject.toml, setup.cfg, and later Makefile, CMakeLists.txt,
// meson.build). Readers live in sub-packages, one per format; each reads one
// file's content from a real syntax tree and never touches the file system.
package buildcfg

import "github.com/hpyproject/hpylint/analysis/source"

// ABI is an HPy ABI mode. The empty ABI means "not pinned by this file".
type ABI string

const (
	ABIUnknown   ABI = ""
	ABIUniversal ABI = "universal"
	ABIHybrid    ABI = "hybrid"
	ABICPython   ABI = "cpython"
)

// ParseABI maps the spellings found in build configs ("universal",
// "HPY_ABI_UNIVERSAL", "HPY_UNIVERSAL_ABI", ...) to an ABI.
func ParseABI(s string) ABI {
	switch s {
	case "universal", "HPY_ABI_UNIVERSAL", "HPY_UNIVERSAL_ABI":
		return ABIUniversal
	case "hybrid", "HPY_ABI_HYBRID":
		return ABIHybrid
	case "cpython", "HPY_ABI_CPYTHON":
		return ABICPython
	}
	return ABIUnknown
}

// ExtensionKind tells how an extension is built.
type ExtensionKind int

const (
	// HPyExtension is built with HPy's flags (setup.py hpy_ext_modules, or a
	// CMake/meson/make target that uses HPy headers).
	HPyExtension ExtensionKind = iota + 1
	// PlainExtension is a CPython extension (setup.py ext_modules).
	PlainExtension
	// NativeTarget is a compiled target of a generic build system (CMake,
	// meson, make). It is an HPy extension when its sources use HPy; the
	// project model decides that from the sources.
	NativeTarget
)

// StringValue is a string found in a build config with the span of its
// literal (quotes included), so diagnostics and fixes can point at it.
type StringValue struct {
	Value string
	Span  source.Span
}

// Extension is one extension module declared in a build config.
type Extension struct {
	Name StringValue // full dotted name, e.g. "pkg._mod"
	// Decl spans the whole declaration (the Extension(...) call, the CMake
	// command...). Diagnostics about the extension as a whole go there.
	Decl    source.Span
	Kind    ExtensionKind
	Sources []StringValue // paths as written, relative to the config's directory
	// Libraries, IncludeDirs and Defines are what the declaration passes to
	// the compiler and linker, as written.
	Libraries   []StringValue
	IncludeDirs []StringValue
	Defines     []StringValue // macro names (define_macros, -D, ...)
	// PyLimitedAPI is set for setuptools' py_limited_api=True.
	PyLimitedAPI *StringValue
	// ABI is set when this declaration pins the ABI itself.
	ABI *ABISetting
	// Generated are sources made at build time (a template such as numpy's
	// x.c.src, a .c produced from one, a generator callable in the list):
	// known to be compiled, but there is no file to analyse.
	Generated []StringValue
	// SourcesIncomplete is set when part of the source list could not be
	// followed statically (the first such construct); Sources then holds
	// only what could be.
	SourcesIncomplete *Unresolved
}

// ABISetting is a place in a build config that decides the HPy ABI.
type ABISetting struct {
	ABI ABI
	// Dynamic is set when the ABI depends on the interpreter that builds it
	// ('cpython' if CPython else 'universal'): it counts as universal.
	Dynamic bool
	Span    source.Span // the literal or expression that says it
	Text    string      // what the file says there, for messages
	// Pinnable is set when replacing Span with a string literal pins the
	// ABI of every extension the setting applies to: Span is the value of
	// setup()'s hpy_abi itself, or of the one assignment of a variable it
	// names. Fixes may edit only such a setting.
	Pinnable bool
	// Target is set for an option of a build command (setup.py
	// --hpy-abi=..., pip -C hpy-abi=...): the directory, as a project path
	// ("." for the root), of the setup.py or project the command builds;
	// in a ProjectWide file, relative to the root the commands run from.
	// The setting applies to that project's extensions only. Settings
	// without a Target (setup.cfg, hpy_abi=, -D flags) apply as before, to
	// the extensions of their file or directory.
	Target string
	// Varies marks a build command whose ABI is a variable
	// (--hpy-abi="$HPY_ABI"): each build chooses, universal among them as
	// far as anyone can tell, so ABI is universal.
	Varies bool
}

// Requirement is one entry of a requirements list (build-system requires,
// setup_requires).
type Requirement struct {
	Name string // distribution name, normalised to lower case
	Span source.Span
}

// RequirementList is a list of requirements and where new entries go.
type RequirementList struct {
	Entries []Requirement
	// Span of the whole list literal (brackets included); InsertAt is the
	// offset where a new entry can be added and InsertText the text to put
	// there for an entry named NAME, with NAME as placeholder (readers know
	// the list's quoting and separator style).
	Span       source.Span
	InsertAt   int
	InsertText string
}

// Has reports whether the list names the distribution.
func (l *RequirementList) Has(name string) bool {
	if l == nil {
		return false
	}
	for _, r := range l.Entries {
		if r.Name == name {
			return true
		}
	}
	return false
}

// Unresolved is something a reader could not follow statically (a glob(...),
// a loop, a generator function). It is reported once as HPY405.
type Unresolved struct {
	Span source.Span
	What string
}

// Files gives a reader read-only access to the other files of the project
// snapshot: a local module a setup.py imports, the files a glob matches.
// Readers still never touch the file system: the engine answers from the
// snapshot it already has. Paths are slash-separated, relative to the
// project root.
type Files interface {
	// Content returns the content of the file at path; false when the
	// project has no such file.
	Content(path string) ([]byte, bool)
	// Exists reports whether the project has a file at path.
	Exists(path string) bool
	// List returns the project's listed source and build files below dir
	// ("" or "." for the root), at any depth, sorted.
	List(dir string) []string
}

// Problem is a file-level reading problem (syntax error, invalid TOML).
type Problem struct {
	Span    source.Span
	Message string
}

// File is what one reader found in one build-config file.
type File struct {
	Path       string
	Extensions []Extension
	// ABI settings that apply to every HPy extension declared by this
	// file or, for project-wide files (setup.cfg, pyproject.toml), the project.
	ABI           []ABISetting
	BuildRequires *RequirementList // pyproject [build-system] requires
	// HasBuildSystem is set when pyproject.toml has a [build-system] table.
	HasBuildSystem bool
	SetupRequires  *RequirementList // setup(setup_requires=...) or setup.cfg
	// HPyExtModules is the span of the hpy_ext_modules keyword, when used.
	HPyExtModules *source.Span
	ProjectName   *StringValue
	// IncludeDirs and Libraries are directory-wide compiler include paths
	// and link libraries, as written (CMake include_directories and
	// link_libraries, meson add_project_arguments('-I...'), Makefile -I/-l in
	// variables such as CFLAGS or LDLIBS). Readers also copy them into the
	// Extensions they apply to; they are here for files that declare no
	// target (a Makefile that only drives setup.py). Added for the
	// cmake/meson/makefile readers.
	IncludeDirs []StringValue
	Libraries   []StringValue
	Unresolved  []Unresolved
	Problems    []Problem
	Comments    []source.Comment
	// BuiltByParent is set for a setup.py that declares extensions in a
	// numpy.distutils configuration() function: the setup() of a setup.py
	// above it (through add_subpackage) builds them, with its settings
	// (hpy_abi=...).
	BuiltByParent bool
	// ProjectWide is set for files whose commands run from a project root
	// their path does not tell (shell scripts): the Targets of their ABI
	// settings are relative to that root, which may be the script's
	// directory or any directory above it.
	ProjectWide bool

	// HPyDistClass is the span of setup(distclass=X) when X, a class of
	// setup.py, handles hpy_ext_modules itself.
	HPyDistClass *source.Span
}
