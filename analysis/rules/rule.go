// Package rules holds hpylint's rules, one file each, and their registry. A
// rule is a self-describing value: its code and name are a public contract,
// its docs feed --explain, hover, SARIF and the README table.
package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Doc is a rule's documentation, in ruff's shape.
type Doc struct {
	What    string // what it does
	Why     string // why it matters
	Example string // code that triggers it
	Fix     string // how to fix it
}

// Rule is one check.
type Rule struct {
	Code     string
	Name     string
	Severity diag.Severity
	Summary  string
	Doc      Doc
	// Run reports through the pass. Nil for the findings the engine itself
	// makes (suppressions, unreadable files, unresolved build configs).
	Run func(*Pass)
}

// Pass is what a rule sees: the project model and a way to report.
type Pass struct {
	Project *model.Project
	Rule    *Rule
	Emit    func(diag.Diagnostic)
	// Carry is what the run's rules work out file by file, shared by its
	// passes and kept for the next run where it still holds (carry.go).
	// Nil for a pass of its own (tests).
	Carry *Carry
	// DetailsIn, when set, says in which files the findings that detail a
	// summary (DetailOf set) are wanted; nil means everywhere. A file
	// with a comment to hpylint gets them regardless (wantsDetail). It is
	// given the file's real path too ("" when unknown): another name of an
	// open file is open, and the unit has its real path at hand, where
	// the snapshot would be asked under its lock for every file.
	DetailsIn func(path, real string) bool

	// parts are the parts of the rule's work this pass kept or worked
	// out (scoped.go), handed to the carry by Finish: five rules at once
	// taking the carry's lock for each part contended 2,500 times a key
	// in a workspace of 500 extensions.
	parts partsRecord
}

// wantsDetail reports whether the findings of u that detail a summary
// are to be made: where DetailsIn wants them, and in a file with a
// comment to hpylint, whose suppression of one must find it.
func (p *Pass) wantsDetail(u *model.Unit) bool {
	if p.DetailsIn == nil {
		return true
	}
	real := ""
	if u.File != nil {
		real = u.File.Real
	}
	return p.DetailsIn(u.Path, real) || p.carry().SpeaksToHPylint(u.Facts)
}

// Diagnostic starts a finding of the pass's rule at loc; the caller may add
// related locations before emitting it.
func (p *Pass) Diagnostic(loc source.Location, format string, args ...any) diag.Diagnostic {
	return diag.Diagnostic{
		Code: p.Rule.Code, Name: p.Rule.Name, Severity: p.Rule.Severity,
		Location: loc, Message: fmt.Sprintf(format, args...),
	}
}

// Reportf emits a finding of the pass's rule at loc with optional fixes.
func (p *Pass) Reportf(loc source.Location, fixes []diag.Fix, format string, args ...any) {
	d := p.Diagnostic(loc, format, args...)
	d.Fixes = fixes
	p.Emit(d)
}

// Line is the 1-based line of a location, for messages that cite
// evidence. In a C file it is a mark the engine renders (diag.LineMark),
// so that the message follows the line when an edit moves it: only C
// files move under a run that moves findings (analysis/moved.go), so a
// build config's line is written at once (an extension's ABI, cited in
// each of its thousands of findings, is a config's).
func (p *Pass) Line(loc source.Location) string {
	if _, isC := cfacts.LangOf(loc.Path); isC {
		return diag.LineMark(loc)
	}
	return strconv.Itoa(p.Project.Lines(loc.Path).Line(loc.Span.Start) + 1)
}

var registry = map[string]*Rule{}

func register(r *Rule) *Rule {
	if registry[r.Code] != nil {
		panic("rules: duplicate code " + r.Code)
	}
	registry[r.Code] = r
	return r
}

// All returns every rule, sorted by code.
func All() []*Rule {
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Lookup finds a rule by code or name (case-insensitive).
func Lookup(codeOrName string) *Rule {
	if r := registry[strings.ToUpper(codeOrName)]; r != nil {
		return r
	}
	for _, r := range registry {
		if strings.EqualFold(r.Name, codeOrName) {
			return r
		}
	}
	return nil
}

// Matches reports whether a selector (a code, a code prefix such as "HPY1"
// or "HPY", or a rule name) selects rule r.
func Matches(selector string, r *Rule) bool {
	s := strings.ToUpper(strings.TrimSpace(selector))
	if s == "ALL" || strings.HasPrefix(r.Code, s) && s != "" {
		return true
	}
	return strings.EqualFold(selector, r.Name)
}

// KnownSelector reports whether a selector selects at least one rule.
func KnownSelector(selector string) bool {
	for _, r := range registry {
		if Matches(selector, r) {
			return true
		}
	}
	return false
}
