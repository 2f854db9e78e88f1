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
	"github.com/hpyproject/hpylint/analysis/report"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitUsage    = 2
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func run(args []string, stdout, stderr io.Writer) int {
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
		fmt.Fprintf(stdout, "hpylint %s\n", version)
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
	failOn, err := diag.ParseSeverity(f.failOn)
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: --fail-on: %v\n", err)
		return exitUsage
	}
	for _, s := range append(append([]string{}, f.selectors...), f.ignores...) {
		if !rules.KnownSelector(s) {
			fmt.Fprintf(stderr, "hpylint: unknown rule selector %q (see --list-rules)\n", s)
			return exitUsage
		}
	}

	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: %v\n", err)
		return exitUsage
	}
	settings, err := loadSettings(cwd, f)
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: %v\n", err)
		return exitUsage
	}
	snap, errs := workspace.Load(cwd, f.paths, settings.excluded)
	code := exitClean
	for _, e := range errs {
		fmt.Fprintf(stderr, "hpylint: %v\n", e)
		code = exitUsage
	}
	res := analysis.Run(context.Background(), snap, settings.options)
	for _, failure := range res.Failures {
		fmt.Fprintf(stderr, "hpylint: internal error: %s\n", failure)
	}
	content := func(p string) []byte {
		if file := snap.File(p); file != nil {
			return file.Content
		}
		return nil
	}
	switch f.format {
	case "json":
		if err := report.JSON(stdout, res.Diagnostics, res.Files, res.Project.Lines); err != nil {
			fmt.Fprintf(stderr, "hpylint: %v\n", err)
			return exitUsage
		}
	default:
		report.Text(stdout, res.Diagnostics, res.Files, res.Project.Lines, content)
	}
	if code != exitClean {
		return code
	}
	if f.exitZero {
		return exitClean
	}
	for _, d := range res.Diagnostics {
		if d.Severity >= failOn {
			return exitFindings
		}
	}
	return exitClean
}
