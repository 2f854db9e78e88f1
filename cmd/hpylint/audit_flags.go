package main

import (
	"flag"
	"fmt"
	"io"
)

const auditUsage = `usage: hpylint audit [flags] PATH ...

Checks built HPy extensions: shared libraries (.so, .pyd, .dylib), wheels
(.whl) and directories searched for both (build/, dist/). Rules HPY5xx.

Flags:
`

// parseAuditFlags reads the command line of `hpylint audit`: the lint's
// report and selection flags, nothing about sources, fixes or the cache.
func parseAuditFlags(args []string, stderr io.Writer) (*flags, error) {
	f := &flags{}
	fs := flag.NewFlagSet("hpylint audit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.format, "format", "text", "output format: text, json, json-lines, github or sarif (github is the default when GITHUB_ACTIONS=true)")
	fs.BoolVar(&f.statistics, "statistics", false, "print the number of findings per rule instead of the findings")
	fs.StringVar(&f.output, "output", "", "write the report to this file instead of standard output")
	fs.Func("select", "rules to enable: codes, prefixes (HPY5) or names, comma-separated", func(s string) error {
		f.selectors = append(f.selectors, splitList(s)...)
		return nil
	})
	fs.Func("ignore", "rules to disable: codes, prefixes or names, comma-separated", func(s string) error {
		f.ignores = append(f.ignores, splitList(s)...)
		return nil
	})
	fs.StringVar(&f.failOn, "fail-on", "warning", "lowest severity that makes the exit code 1: error, warning or info")
	fs.BoolVar(&f.exitZero, "exit-zero", false, "exit 0 even when there are findings")
	fs.StringVar(&f.config, "config", "", "read configuration (select, ignore, severity) from this file")
	fs.BoolVar(&f.noConfig, "no-config", false, "ignore configuration files")
	fs.Usage = func() {
		fmt.Fprint(stderr, auditUsage)
		fs.PrintDefaults()
	}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			f.paths = append(f.paths, rest[1:]...)
			break
		}
		f.paths = append(f.paths, rest[0])
		args = rest[1:]
	}
	if err := checkFormat(f, fs); err != nil {
		return nil, err
	}
	if f.config != "" && f.noConfig {
		return nil, fmt.Errorf("--config and --no-config cannot be used together")
	}
	if len(f.paths) == 0 {
		return nil, fmt.Errorf("audit needs a PATH: a shared library, a wheel or a directory (see hpylint audit --help)")
	}
	return f, nil
}
