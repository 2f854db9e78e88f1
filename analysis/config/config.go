// Package config reads hpylint's own settings: the [tool.hpylint] table of
// pyproject.toml, an hpylint.toml file, or the JSON settings a language
// client sends. All three accept the same keys and are validated the same
// way; every mistake is reported with the file, line and key.
package config

import (
	"fmt"
	"path"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Config is one validated set of settings.
type Config struct {
	// Select and Ignore hold rule codes ("HPY102"), code prefixes ("HPY1")
	// or rule names, as written.
	Select, Ignore []string
	// Severity overrides a rule's severity, keyed by code or name.
	Severity map[string]diag.Severity
	// Exclude holds glob patterns of paths not to analyse (see Excluded).
	Exclude []string
	// ABI is assumed for extensions whose build config does not pin one.
	ABI buildcfg.ABI
	// Path is the file the settings come from ("" for FromMap).
	Path string
	// Spans locates the value of each key that was set (keyed "select",
	// "severity", ...) in Path, so later messages can point at it.
	Spans map[string]source.Span
}

// keys are the settings hpylint knows, sorted for the "known:" list.
var keys = []string{"abi", "exclude", "ignore", "select", "severity"}

func newConfig(path string) *Config {
	return &Config{Path: path, Severity: map[string]diag.Severity{}, Spans: map[string]source.Span{}}
}

// ABISource names the abi setting for messages, e.g.
// `[tool.hpylint] abi = "universal" in pyproject.toml`; "" when abi is not
// set.
func (c *Config) ABISource() string {
	if c == nil || c.ABI == buildcfg.ABIUnknown {
		return ""
	}
	key := "abi"
	if path.Base(c.Path) == "pyproject.toml" {
		key = "[tool.hpylint] abi"
	}
	where := ""
	if c.Path != "" {
		where = " in " + c.Path
	}
	return fmt.Sprintf("%s = %q%s", key, string(c.ABI), where)
}
