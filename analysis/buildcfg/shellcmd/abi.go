package shellcmd

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// Hit is an ABI choice found in a command: the word that carries it (its
// index in the command) and the mode it names.
type Hit struct {
	Value string
	Word  int
}

// ABIOf maps a command-line mode name to an ABI (unknown for anything else).
func ABIOf(value string) buildcfg.ABI {
	switch value {
	case "universal", "hybrid", "cpython":
		return buildcfg.ParseABI(value)
	}
	return buildcfg.ABIUnknown
}

// ABI finds the HPy ABI a build command asks for:
// `python setup.py --hpy-abi=universal build_ext`, or pip/build with
// `-C hpy-abi=universal`, `--config-settings=...`, or a build/global
// option carrying --hpy-abi. values are the command's words.
func ABI(values []string) []Hit {
	var hits []Hit
	setupPy, pipLike := false, false
	for i, v := range values {
		if path.Base(v) == "setup.py" {
			setupPy = true
		}
		if v == "-m" && i+1 < len(values) && (values[i+1] == "pip" || values[i+1] == "build") {
			pipLike = true
		}
	}
	if prog := program(values); prog != "" {
		if rest, ok := strings.CutPrefix(path.Base(prog), "pip"); ok && strings.Trim(rest, "0123456789.") == "" {
			pipLike = true
		}
	}
	for i := 0; i < len(values); i++ {
		w := values[i]
		// value returns an option's value: after '=' or the next word.
		value := func(opt string) (string, int, bool) {
			if v, ok := strings.CutPrefix(w, opt+"="); ok {
				return v, i, true
			}
			if w == opt && i+1 < len(values) {
				i++
				return values[i], i, true
			}
			return "", i, false
		}
		if setupPy {
			if v, at, ok := value("--hpy-abi"); ok {
				hits = append(hits, Hit{v, at})
				continue
			}
		}
		if !pipLike {
			continue
		}
		if v, ok := strings.CutPrefix(w, "-C"); ok && v != "" {
			hits = append(hits, configSetting(v, i)...)
			continue
		}
		found := false
		for _, opt := range []string{"-C", "--config-settings", "--config-setting"} {
			if v, at, ok := value(opt); ok {
				hits = append(hits, configSetting(v, at)...)
				found = true
				break
			}
		}
		if found {
			continue
		}
		for _, opt := range []string{"--global-option", "--build-option"} {
			if v, at, ok := value(opt); ok {
				hits = append(hits, hpyAbiOption(v, at)...)
				break
			}
		}
	}
	return hits
}

// program is the command's program, after VAR=value prefixes.
func program(values []string) string {
	for _, v := range values {
		if i := strings.IndexByte(v, '='); i > 0 && !strings.HasPrefix(v, "-") {
			continue
		}
		return v
	}
	return ""
}

// configSetting reads one KEY=VALUE config setting.
func configSetting(kv string, at int) []Hit {
	key, val, ok := strings.Cut(kv, "=")
	if !ok {
		return nil
	}
	switch strings.TrimLeft(key, "-") {
	case "hpy-abi", "hpy_abi":
		return []Hit{{val, at}}
	case "build-option", "global-option", "build-options", "global-options":
		return hpyAbiOption(val, at)
	}
	return nil
}

// hpyAbiOption finds --hpy-abi=X among setup.py options passed through.
func hpyAbiOption(opts string, at int) []Hit {
	var hits []Hit
	for _, o := range strings.Fields(opts) {
		if v, ok := strings.CutPrefix(o, "--hpy-abi="); ok {
			hits = append(hits, Hit{v, at})
		}
	}
	return hits
}
