package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/factstore"
	"github.com/hpyproject/hpylint/analysis/fix"
	"github.com/hpyproject/hpylint/analysis/report"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/workspace"
	"github.com/hpyproject/hpylint/cmd/internal/version"
)

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitUsage    = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	stderr = report.PrintableWriter(stderr)  // messages name the user's files
	if len(args) > 0 && args[0] == "audit" { // a directory named audit is ./audit
		return runAudit(args[1:], stdout, stderr)
	}
	f, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitClean
	}
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: %v\n", err)
		return exitUsage
	}
	switch {
	case f.version:
		fmt.Fprintf(stdout, "hpylint %s\n", version.String())
		return exitClean
	case f.listRules:
		listRules(stdout)
		return exitClean
	case f.explain != "":
		r := rules.Lookup(f.explain)
		if r == nil {
			fmt.Fprintf(stderr, "hpylint: unknown rule %q (see --list-rules)\n", f.explain)
			return exitUsage
		}
		explain(stdout, r)
		return exitClean
	}
	failOn, cwd, settings, ok := setUp(f, stderr)
	if !ok {
		return exitUsage
	}
	if !f.noCache {
		// A build of a modified checkout is known by its executable's
		// hash (factstore.BuildKey): read it while the files are read.
		go factstore.BuildKey()
	}
	var each func(*source.File)
	if f.noCache && !f.diff && !f.fix {
		// Nothing is cached: parsing starts with the first files read.
		pre := analysis.StartPrefetch(context.Background(), settings.options)
		settings.options.Prefetch, each = pre, pre.Read
	}
	snap, errs := workspace.LoadEach(cwd, f.paths, settings.excluded, each)
	if store := openCache(f, stderr); store != nil {
		settings.options.Cache = analysis.NewFactsCacheOn(store)
		defer store.Trim() // after the report: at most once a day
	}
	code := exitClean
	for _, e := range errs {
		fmt.Fprintf(stderr, "hpylint: %v\n", e)
		code = exitUsage
	}
	var res *analysis.Result
	switch {
	case f.diff:
		return printDiff(snap, settings, f, code, stdout, stderr)
	case f.fix:
		var written bool
		res, written = applyFixes(snap, settings, stderr)
		if !written {
			code = exitUsage // a file could not be written: an I/O error
		}
		if res == nil { // files changed: what remains is read back from disk
			snap, _ = workspace.Load(cwd, f.paths, settings.excluded)
			res = analysis.Run(context.Background(), snap, settings.options)
		}
	default:
		res = analysis.Run(context.Background(), snap, settings.options)
	}
	for _, failure := range res.Failures {
		fmt.Fprintf(stderr, "hpylint: internal error: %s\n", failure)
	}
	// A report of the whole project says each fact once: the places a
	// summary finding (HPY209) counts are its related locations, not
	// findings of their own (the editor shows them in the open file).
	res.Diagnostics = diag.WithoutDetails(res.Diagnostics)
	content := func(p string) []byte {
		if file := snap.File(p); file != nil {
			return file.Content
		}
		return nil
	}
	return exitAfter(writeReport(stdout, f, res, cwd, content), code, f, res.Diagnostics, failOn, stderr)
}

// exitAfter is the exit code of a lint or an audit once its report was
// written (err) with code from reading the paths: a usage error first,
// then findings at or above failOn unless --exit-zero.
func exitAfter(err error, code int, f *flags, ds []diag.Diagnostic, failOn diag.Severity, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: %v\n", err)
		return exitUsage
	}
	if code != exitClean {
		return code
	}
	if f.exitZero || !failing(ds, failOn) {
		return exitClean
	}
	return exitFindings
}

// printDiff is --diff: the fixes as a unified diff on stdout, nothing
// written. Like ruff, it exits 1 when there is something to fix.
func printDiff(snap *source.Snapshot, s *settings, f *flags, code int, stdout, stderr io.Writer) int {
	r := computeFixes(snap, s.options)
	for _, failure := range r.final.Failures {
		fmt.Fprintf(stderr, "hpylint: internal error: %s\n", failure)
	}
	for _, c := range r.changes {
		fmt.Fprint(stdout, fix.Unified(c))
	}
	reportSkipped(stderr, r)
	fmt.Fprintln(stderr, fixSummary(r, false))
	switch {
	case code != exitClean:
		return code
	case len(r.changes) > 0 && !f.exitZero:
		return exitFindings
	}
	return exitClean
}

// applyFixes is --fix: every fix, to a fixed point, each changed file
// written once and atomically. It returns the final analysis when nothing
// was written (nil when the caller must re-read the disk) and whether every
// write succeeded.
func applyFixes(snap *source.Snapshot, s *settings, stderr io.Writer) (*analysis.Result, bool) {
	r := computeFixes(snap, s.options)
	ok := writeFixes(snap.Root, r, stderr)
	if len(r.changes) == 0 {
		return r.final, true
	}
	return nil, ok
}

// setUp reads what the lint and the audit need before they run: the
// --fail-on severity, the rule selectors checked, the working directory
// and the settings. false: it said why on stderr, a usage error.
func setUp(f *flags, stderr io.Writer) (failOn diag.Severity, cwd string, s *settings, ok bool) {
	failOn, err := diag.ParseSeverity(f.failOn)
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: --fail-on: %v\n", err)
		return failOn, "", nil, false
	}
	for _, sel := range append(append([]string{}, f.selectors...), f.ignores...) {
		if !rules.KnownSelector(sel) {
			fmt.Fprintf(stderr, "hpylint: unknown rule selector %q (see --list-rules)\n", sel)
			return failOn, "", nil, false
		}
	}
	if cwd, err = os.Getwd(); err == nil {
		s, err = loadSettings(cwd, f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: %v\n", err)
		return failOn, cwd, nil, false
	}
	return failOn, cwd, s, true
}

// toOutput runs write on stdout, or on the --output file, which it closes.
func toOutput(stdout io.Writer, f *flags, write func(io.Writer) error) (err error) {
	if f.output == "" {
		return write(stdout)
	}
	file, err := os.Create(f.output)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}()
	return write(file)
}
