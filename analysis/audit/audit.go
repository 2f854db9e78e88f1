// Package audit checks built HPy artifacts (shared libraries and wheels)
// for what the sources cannot show: the symbols a binary needs and
// exports, the names it is shipped under, and the tags of its wheel.
package audit

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hpyproject/hpylint/analysis/binary"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// DefaultMaxMember bounds what is read of one wheel member (it is
// decompressed into memory to be read as a binary): a bigger one is
// reported, not read.
const DefaultMaxMember = 256 << 20

// Options are the settings of one audit.
type Options struct {
	// Cwd is the working directory: paths below it are reported relative
	// to it, as the lint does.
	Cwd string
	// Enabled says whether a rule's findings are wanted; nil: every rule.
	Enabled func(*rules.Rule) bool
	// Severity gives a rule's severity after the user's overrides; nil:
	// its default.
	Severity func(*rules.Rule) diag.Severity
	// MaxMember overrides DefaultMaxMember when positive.
	MaxMember int64
}

// Result is what an audit found.
type Result struct {
	// Diagnostics point at whole files: Span is empty at offset 0, so
	// every format shows line 1, column 1 (SARIF: no region). Sorted by
	// path, code and message.
	Diagnostics []diag.Diagnostic
	// Files counts what was read: each binary (wheel members included)
	// and each wheel.
	Files int
}

// Run audits the named paths: shared libraries, wheels and directories
// searched for both. A path that cannot be read at all (missing, not a
// regular file or directory) is an error; the others are audited all
// the same.
func Run(paths []string, o Options) (*Result, []error) {
	r := &auditRun{o: o, folders: map[string]*folder{}, wheels: map[string]bool{}}
	if r.o.MaxMember <= 0 {
		r.o.MaxMember = DefaultMaxMember
	}
	var errs []error
	for _, p := range paths {
		if err := r.add(p); err != nil {
			errs = append(errs, err)
		}
	}
	for _, key := range sortedKeys(r.folders) {
		r.auditFolder(r.folders[key])
	}
	slices.SortStableFunc(r.diags, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Location.Path, b.Location.Path), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message))
	})
	return &Result{Diagnostics: r.diags, Files: r.files}, errs
}

// auditRun is one audit in progress.
type auditRun struct {
	o       Options
	folders map[string]*folder // disk directories, by absolute path
	wheels  map[string]bool    // wheels audited, by absolute path
	diags   []diag.Diagnostic
	files   int
}

// report makes a whole-file finding of rule on the file at path.
func (r *auditRun) report(rule *rules.Rule, path string, format string, args ...any) {
	r.reportAt(rule, diag.Error, path, format, args...)
}

// reportAt is report with the severity capped at most (a rule's weaker
// cases).
func (r *auditRun) reportAt(rule *rules.Rule, most diag.Severity, path string, format string, args ...any) {
	if r.o.Enabled != nil && !r.o.Enabled(rule) {
		return
	}
	sev := rule.Severity
	if r.o.Severity != nil {
		sev = r.o.Severity(rule)
	}
	sev = min(sev, most)
	r.diags = append(r.diags, diag.Diagnostic{
		Code: rule.Code, Name: rule.Name, Severity: sev,
		Location: source.Location{Path: path},
		Message:  fmt.Sprintf(format, args...),
	})
}

// auditFolder runs the per-binary checks on one directory's binaries:
// those of a disk directory or of one directory of a wheel.
func (r *auditRun) auditFolder(f *folder) {
	for _, a := range f.files {
		if !a.report || a.img == nil {
			continue
		}
		checkCPythonSymbols(r, a)
		checkModinit(r, a)
		checkVersionSymbols(r, a)
		checkSeveralModules(r, a)
		checkReachable(r, f, a)
		checkShimTarget(r, f, a)
		checkCPythonNameWithoutPyInit(r, a)
		checkShimVersion(r, f, a)
		checkShadowed(r, f, a)
	}
}

// display names a file the way the lint does: relative to the working
// directory when it lies below it, with / separators.
func (r *auditRun) display(p string) string {
	if r.o.Cwd != "" {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(r.o.Cwd, abs)
		}
		if rel, err := filepath.Rel(r.o.Cwd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(p)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// exportsOf lists the modules whose function prefix+module img exports.
func exportsOf(img *binary.Image, prefix string) []string {
	var out []string
	for _, s := range img.Exported {
		if m, ok := strings.CutPrefix(s, prefix); ok && m != "" {
			out = append(out, m)
		}
	}
	return out
}

func exports(img *binary.Image, symbol string) bool {
	return slices.Contains(img.Exported, symbol)
}

// isHPy reports whether a binary is an HPy universal or hybrid build: it
// exports an HPyInit_ function.
func isHPy(img *binary.Image) bool {
	return len(exportsOf(img, "HPyInit_")) > 0
}
