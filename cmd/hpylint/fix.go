package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/fix"
	"github.com/hpyproject/hpylint/analysis/report"
	"github.com/hpyproject/hpylint/analysis/source"
)

// maxFixPasses bounds the fix loop (fix.ToFixpoint).
const maxFixPasses = fix.MaxPasses

// fixResult is the outcome of fixing in memory: what each touched file
// becomes, and the analysis of that final state.
type fixResult struct {
	changes   []fix.Change // original content → final content, changed files only
	fixed     int          // fixes applied over all passes
	skipped   []fix.Skipped
	converged bool
	final     *analysis.Result
}

// computeFixes runs analysis and fixes on snapshots until no fix changes
// anything, without touching the disk: --diff prints the result and --fix
// writes it, each file once. The loop is fix.ToFixpoint, which the
// language server's fix-all runs too.
func computeFixes(snap *source.Snapshot, opts analysis.Options) *fixResult {
	var final *analysis.Result
	fp, _ := fix.ToFixpoint(snap, func(s *source.Snapshot) ([]diag.Diagnostic, error) {
		final = analysis.Run(context.Background(), s, opts)
		return diag.WithoutDetails(final.Diagnostics), nil
	})
	return &fixResult{changes: fp.Changes, fixed: fp.Fixed, skipped: fp.Skipped, converged: fp.Converged, final: final}
}

// reportSkipped tells why fixable findings that remain were not fixed.
func reportSkipped(w io.Writer, r *fixResult) {
	lines := report.Range
	for _, s := range r.skipped {
		at := lines(r.final.Project.Lines, s.Diagnostic.Location)
		fmt.Fprintf(w, "hpylint: fix %q for %s at %s:%d:%d not applied: %s\n",
			s.Fix.Title, s.Diagnostic.Code, at.Path, at.Line, at.Column, s.Reason)
	}
	if !r.converged {
		fmt.Fprintf(w, "hpylint: fixes still changed files after %d passes; stopped (run --fix again, and please report this)\n", maxFixPasses)
	}
}

// writeFixes is the writing half of --fix: the changes of the run, all or
// none, then what became of them on stderr. It reports whether every
// change was written.
func writeFixes(root string, r *fixResult, stderr io.Writer) bool {
	out := fix.Write(root, r.changes)
	for _, err := range out.Errors {
		fmt.Fprintf(stderr, "hpylint: %v\n", err)
	}
	for _, w := range out.Warnings {
		fmt.Fprintf(stderr, "hpylint: warning: %s\n", w)
	}
	reportSkipped(stderr, r)
	fmt.Fprintln(stderr, writeSummary(r, out))
	return len(out.Errors) == 0
}

// writeSummary is the stderr line after --fix: it counts what is on disk,
// not what was tried.
func writeSummary(r *fixResult, out *fix.Outcome) string {
	switch {
	case len(r.changes) == 0 || len(out.Errors) == 0:
		return fixSummary(r, true)
	case len(out.Written) == 0:
		return fmt.Sprintf("hpylint: wrote nothing: %s (%s) not applied, every file is as it was", plural(r.fixed, "fix"), filesTouched(r.changes))
	}
	return fmt.Sprintf("hpylint: fixes not applied, and %d of %d files written could not be put back as they were (see above)",
		len(out.Written), len(r.changes))
}

// fixSummary is the stderr line after --diff, or after --fix wrote
// everything.
func fixSummary(r *fixResult, wrote bool) string {
	files := filesTouched(r.changes)
	switch {
	case len(r.changes) == 0:
		return "hpylint: nothing to fix"
	case wrote:
		return fmt.Sprintf("hpylint: applied %s (%s)", plural(r.fixed, "fix"), files)
	}
	return fmt.Sprintf("hpylint: would apply %s (%s); run with --fix to write them", plural(r.fixed, "fix"), files)
}

// filesTouched says "4 files, 1 created".
func filesTouched(changes []fix.Change) string {
	created := 0
	for _, c := range changes {
		if c.Created {
			created++
		}
	}
	files := plural(len(changes), "file")
	if created > 0 {
		files += fmt.Sprintf(", %d created", created)
	}
	return files
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if word == "fix" {
		return fmt.Sprintf("%d fixes", n)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// checkDiff refuses what --diff cannot honour: it writes a unified diff to
// standard output, in no other format.
func checkDiff(f *flags, fs *flag.FlagSet) error {
	if !f.diff {
		return nil
	}
	var conflicting []string
	fs.Visit(func(fl *flag.Flag) {
		switch {
		case fl.Name == "format" && f.format != "text", fl.Name == "statistics", fl.Name == "output":
			conflicting = append(conflicting, "--"+fl.Name)
		}
	})
	if len(conflicting) > 0 {
		return fmt.Errorf("--diff writes a unified diff to standard output and cannot be combined with %s", strings.Join(conflicting, ", "))
	}
	return nil
}

// failing reports whether any diagnostic is at or above the threshold.
func failing(diags []diag.Diagnostic, failOn diag.Severity) bool {
	for _, d := range diags {
		if d.Severity >= failOn {
			return true
		}
	}
	return false
}
