package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hpyproject/hpylint/analysis/audit"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/report"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/textpos"
	"github.com/hpyproject/hpylint/cmd/internal/version"
)

// runAudit is `hpylint audit [flags] PATH...`: the same formats, rule
// selection and exit codes as the lint, over built artifacts.
func runAudit(args []string, stdout, stderr io.Writer) int {
	f, err := parseAuditFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitClean
	}
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: %v\n", err)
		return exitUsage
	}
	failOn, cwd, settings, ok := setUp(f, stderr)
	if !ok {
		return exitUsage
	}
	o := settings.options
	res, errs := audit.Run(f.paths, audit.Options{
		Cwd:     cwd,
		Enabled: func(r *rules.Rule) bool { return selected(o.Select, o.Ignore, r) },
		Severity: func(r *rules.Rule) diag.Severity {
			for key, sev := range o.Severity {
				if rules.Lookup(key) == r {
					return sev
				}
			}
			return r.Severity
		},
	})
	code := exitClean
	for _, e := range errs {
		fmt.Fprintf(stderr, "hpylint: %v\n", e)
		code = exitUsage
	}
	if res.Files == 0 && len(errs) == 0 {
		fmt.Fprintf(stderr, "hpylint: audit: no shared library (.so, .pyd, .dylib) or wheel (.whl) in %s\n", strings.Join(f.paths, ", "))
	}
	return exitAfter(writeAuditReport(stdout, f, res, cwd), code, f, res.Diagnostics, failOn, stderr)
}

// selected is the lint's rule selection: Select (all when empty), then
// Ignore.
func selected(sel, ignore []string, r *rules.Rule) bool {
	on := len(sel) == 0
	for _, s := range sel {
		on = on || rules.Matches(s, r)
	}
	for _, s := range ignore {
		if rules.Matches(s, r) {
			on = false
		}
	}
	return on
}

// writeAuditReport writes the audit's findings with the lint's renderers.
// Every finding is about a whole file with no text: line 1, column 1, no
// source excerpt, and no SARIF region.
func writeAuditReport(stdout io.Writer, f *flags, res *audit.Result, cwd string) error {
	return toOutput(stdout, f, func(w io.Writer) error { return renderAudit(w, f, res, cwd) })
}

func renderAudit(w io.Writer, f *flags, res *audit.Result, cwd string) error {
	empty := textpos.New(nil)
	lines := report.LinesFunc(func(string) *textpos.Index { return empty })
	noContent := func(string) []byte { return nil }
	ds := res.Diagnostics
	switch {
	case f.statistics && f.format == "json":
		return report.StatisticsJSON(w, ds)
	case f.statistics:
		report.StatisticsText(w, ds, res.Files, res.Files)
		return nil
	}
	switch f.format {
	case "json":
		return report.JSON(w, ds, res.Files, lines)
	case "json-lines":
		return report.JSONLines(w, ds, lines)
	case "github":
		if err := report.GitHub(w, ds, lines, repoOf(cwd)); err != nil {
			return err
		}
	case "sarif":
		return report.SARIF(w, ds, report.SARIFOptions{
			Version: version.Number, Repo: repoOf(cwd), Lines: lines, Content: noContent,
			NoRegion: func(string) bool { return true },
		})
	}
	report.Text(w, ds, res.Files, res.Files, lines, noContent)
	return nil
}
