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
	reportFlags(fs, f, "HPY5")
	fs.StringVar(&f.config, "config", "", "read configuration (select, ignore, severity) from this file")
	fs.BoolVar(&f.noConfig, "no-config", false, "ignore configuration files")
	fs.Usage = func() {
		fmt.Fprint(stderr, auditUsage)
		fs.PrintDefaults()
	}
	if err := parseWithPaths(fs, f, args); err != nil {
		return nil, err
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
