// Package analysis is hpylint's engine: from a snapshot of files to sorted
// diagnostics. The CLI and the language server are thin front ends over Run.
package analysis

import (
	"fmt"
	"sort"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// Options are the settings of one run, already validated (see package
// config for where they come from).
type Options struct {
	// Select and Ignore hold codes, code prefixes ("HPY1") or rule names.
	// An empty Select selects every rule.
	Select, Ignore []string
	// Severity overrides a rule's default, by code or name.
	Severity map[string]diag.Severity
	// ABI is the user's statement of the ABI they build ([tool.hpylint]
	// abi): it pins every HPy extension whose build config does not, and
	// "" means not set (hpy.devel extensions then get hpy.devel's
	// interpreter-dependent default, other targets universal). ABIFrom
	// names the setting for messages (config.Config.ABISource).
	ABI     buildcfg.ABI
	ABIFrom string
	// Workers parse files in parallel; 0 means two for each thread Go
	// runs at once (parseWorkers).
	Workers int
	// Cache, when set, keeps facts across runs by content: the language
	// server's in memory, the CLI's on disk (NewFactsCacheOn).
	Cache *FactsCache
	// Prefetch, when set, holds the parses started while the files were
	// read (StartPrefetch); the run takes them over.
	Prefetch *Prefetch
	// Configs, when set, keeps build configs across runs by content.
	Configs *ConfigCache
	// Provided holds facts already known for some files, by path: the
	// language server's open documents, kept up to date incrementally
	// (cfacts.Document). They must describe the snapshot's content.
	Provided map[string]*cfacts.Facts
	// Lines holds line indexes already made of some files, by path: the
	// language server's open documents have one, and indexing numpy-hpy's
	// 150 KB file again cost a fifth of a millisecond a key. An index made
	// of other bytes than the snapshot's (textpos.Index.Of) is not used.
	Lines map[string]*textpos.Index
	// Previous, when set, is the last run over an earlier state of the same
	// files: its findings are moved through the edits made since when they
	// changed nothing a rule reads (moved.go), and the run is made in full
	// otherwise. Its options must have been these.
	Previous *Result
	// Open, when set, are the files open in the editor: the findings that
	// detail a summary (each place HPY209 counts, reported by HPY201,
	// HPY202, HPY203 and HPY208 with DetailOf set) are made only in those,
	// where the language server shows them, and in files with a comment
	// to hpylint (a suppression of one must not look unused). numpy-hpy
	// has 11,000 of them; the CLI, which leaves Open nil, folds them.
	Open *OpenFiles
	// ModelBuilt, when set, is given a run's project model as soon as it
	// is built, before the rules run on it: a request that reads only the
	// model (the language server's hover) need not wait for the findings.
	// A run that moves the previous run's findings builds no model then.
	ModelBuilt func(*model.Project)
}

// OpenFiles names open files by snapshot path and by real path (another
// name of an open file is open too).
type OpenFiles struct {
	Paths, Reals map[string]bool
}

func (o *OpenFiles) key() string {
	if o == nil {
		return "all"
	}
	var names []string
	for p := range o.Paths {
		names = append(names, "p:"+p)
	}
	for r := range o.Reals {
		names = append(names, "r:"+r)
	}
	sort.Strings(names)
	return fmt.Sprintf("%q", names)
}

// detailsIn is the rules' test for a file's details (rules.Pass.DetailsIn).
func (o *OpenFiles) detailsIn() func(path, real string) bool {
	if o == nil {
		return nil
	}
	return func(path, real string) bool { return o.Paths[path] || real != "" && o.Reals[real] }
}

// key identifies the options that decide findings, for telling whether
// Previous was run with the same ones.
func (o *Options) key() string {
	sev := make([]string, 0, len(o.Severity))
	for k, v := range o.Severity {
		sev = append(sev, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(sev)
	return fmt.Sprintf("%q %q %q %q %q %s", o.Select, o.Ignore, sev, o.ABI, o.ABIFrom, o.Open.key())
}

// enabled reports whether the options turn rule r on.
func (o *Options) enabled(r *rules.Rule) bool {
	on := len(o.Select) == 0
	for _, s := range o.Select {
		if rules.Matches(s, r) {
			on = true
		}
	}
	for _, s := range o.Ignore {
		if rules.Matches(s, r) {
			on = false
		}
	}
	return on
}

// severity is r's severity after overrides.
func (o *Options) severity(r *rules.Rule) diag.Severity {
	for key, sev := range o.Severity {
		if rules.Lookup(key) == r {
			return sev
		}
	}
	return r.Severity
}

// abi is what targets hpy.devel does not build are assumed to be.
func (o *Options) abi() buildcfg.ABI {
	if o.ABI == buildcfg.ABIUnknown {
		return buildcfg.ABIUniversal // what HPy exists for
	}
	return o.ABI
}
