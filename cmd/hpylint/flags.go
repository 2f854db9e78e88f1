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
	fix       bool
	diff      bool
	paths     []string

	statistics bool   // --statistics: counts per code instead of the findings
	output     string // --output: write the report to this file

	noCache  bool   // --no-cache: parse every file, read and write no cache
	cacheDir string // --cache-dir: where the facts of files are cached
}

const usage = `usage: hpylint [flags] [PATH ...]
       hpylint audit [flags] PATH ...   (built binaries and wheels: hpylint audit --help)

Checks HPy C extensions and their build configs. PATH defaults to ".".

Flags:
`

// parseFlags accepts flags before, between and after paths, as linters do.
func parseFlags(args []string, stderr io.Writer) (*flags, error) {
	f := &flags{}
	fs := flag.NewFlagSet("hpylint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	reportFlags(fs, f, "HPY1")
	fs.StringVar(&f.explain, "explain", "", "print the documentation of a rule (code or name) and exit")
	fs.BoolVar(&f.listRules, "list-rules", false, "list every rule and exit")
	fs.StringVar(&f.config, "config", "", "read configuration from this file (pyproject.toml or hpylint.toml)")
	fs.BoolVar(&f.noConfig, "no-config", false, "ignore configuration files")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	fs.BoolVar(&f.fix, "fix", false, "apply the fixes of the findings ([*]), then report what remains")
	fs.BoolVar(&f.noCache, "no-cache", false, "neither read nor write the cache of facts: parse every file")
	fs.StringVar(&f.cacheDir, "cache-dir", "", "keep the cache of facts in this directory (default $HPYLINT_CACHE_DIR, else hpylint in the user's cache directory)")
	fs.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff instead of applying them; exit 1 when there is something to fix")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := parseWithPaths(fs, f, args); err != nil {
		return nil, err
	}
	if err := checkExplain(f, fs); err != nil {
		return nil, err
	}
	if err := checkFormat(f, fs); err != nil {
		return nil, err
	}
	if err := checkDiff(f, fs); err != nil {
		return nil, err
	}
	if f.config != "" && f.noConfig {
		return nil, fmt.Errorf("--config and --no-config cannot be used together")
	}
	if len(f.paths) == 0 {
		f.paths = []string{"."}
	}
	return f, nil
}

// reportFlags are the flags the lint and the audit share: what to report,
// how, and when to fail. prefix is a code prefix for the help text.
func reportFlags(fs *flag.FlagSet, f *flags, prefix string) {
	fs.StringVar(&f.format, "format", "text", "output format: text, json, json-lines, github or sarif (github is the default when GITHUB_ACTIONS=true)")
	fs.BoolVar(&f.statistics, "statistics", false, "print the number of findings per rule instead of the findings")
	fs.StringVar(&f.output, "output", "", "write the report to this file instead of standard output")
	fs.Func("select", "rules to enable: codes, prefixes ("+prefix+") or names, comma-separated", func(s string) error {
		f.selectors = append(f.selectors, splitList(s)...)
		return nil
	})
	fs.Func("ignore", "rules to disable: codes, prefixes or names, comma-separated", func(s string) error {
		f.ignores = append(f.ignores, splitList(s)...)
		return nil
	})
	fs.StringVar(&f.failOn, "fail-on", "warning", "lowest severity that makes the exit code 1: error, warning or info")
	fs.BoolVar(&f.exitZero, "exit-zero", false, "exit 0 even when there are findings")
}

// parseWithPaths parses args into fs, flags before, between and after
// paths (as linters take them), the paths into f.paths; "--" ends the
// flags.
func parseWithPaths(fs *flag.FlagSet, f *flags, args []string) error {
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return nil
		}
		if rest[0] == "--" {
			f.paths = append(f.paths, rest[1:]...)
			return nil
		}
		f.paths = append(f.paths, rest[0])
		args = rest[1:]
	}
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

// checkExplain refuses an empty --explain: it would otherwise read as no
// --explain at all and lint the working directory.
func checkExplain(f *flags, fs *flag.FlagSet) error {
	set := false
	fs.Visit(func(fl *flag.Flag) { set = set || fl.Name == "explain" })
	if set && strings.TrimSpace(f.explain) == "" {
		return fmt.Errorf("--explain needs a rule code or name (see --list-rules)")
	}
	return nil
}
