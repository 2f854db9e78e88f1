package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// flags are the command line, parsed.
type flags struct {
	format    string
	selectors []string
	ignores   []string
	explain   string
	listRules bool
	failOn    string
	exitZero  bool
	config    string
	noConfig  bool
	version   bool
	paths     []string
}

const usage = `usage: hpylint [flags] [PATH ...]

Checks HPy C extensions and their build configs. PATH defaults to ".".

Flags:
`

// parseFlags accepts flags before, between and after paths, as linters do.
func parseFlags(args []string, stderr io.Writer) (*flags, error) {
	f := &flags{}
	fs := flag.NewFlagSet("hpylint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.format, "format", "text", "output format: text or json")
	fs.Func("select", "rules to enable: codes, prefixes (HPY1) or names, comma-separated", func(s string) error {
		f.selectors = append(f.selectors, splitList(s)...)
		return nil
	})
	fs.Func("ignore", "rules to disable: codes, prefixes or names, comma-separated", func(s string) error {
		f.ignores = append(f.ignores, splitList(s)...)
		return nil
	})
	fs.StringVar(&f.explain, "explain", "", "print the documentation of a rule (code or name) and exit")
	fs.BoolVar(&f.listRules, "list-rules", false, "list every rule and exit")
	fs.StringVar(&f.failOn, "fail-on", "warning", "lowest severity that makes the exit code 1: error, warning or info")
	fs.BoolVar(&f.exitZero, "exit-zero", false, "exit 0 even when there are findings")
	fs.StringVar(&f.config, "config", "", "read configuration from this file (pyproject.toml or hpylint.toml)")
	fs.BoolVar(&f.noConfig, "no-config", false, "ignore configuration files")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
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
	if f.format != "text" && f.format != "json" {
		return nil, fmt.Errorf("unknown --format %q (want text or json)", f.format)
	}
	if f.config != "" && f.noConfig {
		return nil, fmt.Errorf("--config and --no-config cannot be used together")
	}
	if len(f.paths) == 0 {
		f.paths = []string{"."}
	}
	return f, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
