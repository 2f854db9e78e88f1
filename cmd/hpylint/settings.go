package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/config"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// settings are the configuration file merged with the command line.
type settings struct {
	options  analysis.Options
	excluded func(rel string) bool
}

func loadSettings(cwd string, f *flags) (*settings, error) {
	var cfg *config.Config
	var err error
	switch {
	case f.noConfig:
	case f.config != "":
		cfg, err = readConfigFile(f.config)
	default:
		start := cwd
		if len(f.paths) > 0 {
			start = f.paths[0]
			if !filepath.IsAbs(start) {
				start = filepath.Join(cwd, start)
			}
			if info, statErr := os.Stat(start); statErr == nil && !info.IsDir() {
				start = filepath.Dir(start)
			}
		}
		cfg, err = discoverConfig(cwd, start)
	}
	if err != nil {
		return nil, err
	}
	s := &settings{excluded: func(string) bool { return false }}
	if cfg != nil {
		s.options = analysis.Options{Select: cfg.Select, Ignore: cfg.Ignore, Severity: cfg.Severity, ABI: cfg.ABI, ABIFrom: cfg.ABISource()}
		base := filepath.Dir(cfg.Path)
		if !filepath.IsAbs(base) {
			base = filepath.Join(cwd, base)
		}
		s.excluded = func(rel string) bool {
			// Exclude globs are relative to the config file's directory.
			abs := filepath.Join(cwd, filepath.FromSlash(rel))
			r, err := filepath.Rel(base, abs)
			if err != nil {
				return false
			}
			return cfg.Excluded(filepath.ToSlash(r))
		}
	}
	// The command line replaces the configured selection and adds ignores,
	// as ruff does.
	if len(f.selectors) > 0 {
		s.options.Select = f.selectors
	}
	s.options.Ignore = append(append([]string{}, s.options.Ignore...), f.ignores...)
	return s, nil
}

func knownCode(s string) bool { return rules.KnownSelector(s) }

// readConfigFile reads an explicitly named config file.
func readConfigFile(p string) (*config.Config, error) {
	content, err := source.ReadRegular(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if filepath.Base(p) == "pyproject.toml" {
		cfg, _, err := config.FromPyproject(p, content, knownCode)
		return cfg, err
	}
	return config.FromFile(p, content, knownCode)
}

// discoverConfig finds the nearest configuration from dir upwards:
// hpylint.toml, else a pyproject.toml with a [tool.hpylint] table.
func discoverConfig(cwd, dir string) (*config.Config, error) {
	for {
		p := filepath.Join(dir, "hpylint.toml")
		if content, err := readFoundConfig(p); err != nil {
			return nil, fmt.Errorf("%s: %w", displayPath(cwd, p), err)
		} else if content != nil {
			return config.FromFile(displayPath(cwd, p), content, knownCode)
		}
		p = filepath.Join(dir, "pyproject.toml")
		if content, err := readFoundConfig(p); err != nil {
			return nil, fmt.Errorf("%s: %w", displayPath(cwd, p), err)
		} else if content != nil {
			cfg, found, err := config.FromPyproject(displayPath(cwd, p), content, knownCode)
			if err != nil || found {
				return cfg, err
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, nil
		}
		dir = parent
	}
}

// displayPath names a file relative to the working directory when it lies
// below it, as every other path hpylint prints.
func displayPath(cwd, p string) string {
	if r, err := filepath.Rel(cwd, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

// readFoundConfig reads a config file met by discovery: nil when there is
// none (nothing there, or a directory of that name), an error when one is
// there but cannot be read (a FIFO, no permission): settings silently
// missing would make the report lie.
func readFoundConfig(p string) ([]byte, error) {
	content, err := source.ReadRegular(p)
	switch {
	case err == nil:
		if content == nil {
			content = []byte{}
		}
		return content, nil
	case source.Absent(err):
		return nil, nil
	}
	return nil, err
}
