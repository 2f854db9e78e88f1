package makefile

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// commands splits a recipe line's words at shell operators.
func commands(words []word) [][]word {
	var out [][]word
	var cur []word
	for _, w := range words {
		if w.op {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// abiHit is an ABI choice found in a command: the word that carries it and
// the mode it names.
type abiHit struct {
	value string
	w     word
}

// commandABI finds the HPy ABI a build command asks for:
// `python setup.py --hpy-abi=universal build_ext`, or pip/build with
// `-C hpy-abi=universal`, `--config-settings=...`, or a build/global
// option carrying --hpy-abi.
func commandABI(cmd []word) []abiHit {
	var hits []abiHit
	setupPy, pipLike := false, false
	for i, w := range cmd {
		if path.Base(w.value) == "setup.py" {
			setupPy = true
		}
		if w.value == "-m" && i+1 < len(cmd) && (cmd[i+1].value == "pip" || cmd[i+1].value == "build") {
			pipLike = true
		}
	}
	if prog := program(cmd); prog != "" {
		base := path.Base(prog)
		if rest, ok := strings.CutPrefix(base, "pip"); ok && strings.Trim(rest, "0123456789.") == "" {
			pipLike = true
		}
	}
	for i := 0; i < len(cmd); i++ {
		w := cmd[i]
		// value returns the option's value: after '=' or the next word.
		value := func(opt string) (string, word, bool) {
			if v, ok := strings.CutPrefix(w.value, opt+"="); ok {
				return v, w, true
			}
			if w.value == opt && i+1 < len(cmd) {
				i++
				return cmd[i].value, cmd[i], true
			}
			return "", w, false
		}
		if setupPy {
			if v, at, ok := value("--hpy-abi"); ok {
				hits = append(hits, abiHit{v, at})
				continue
			}
		}
		if !pipLike {
			continue
		}
		if v, ok := strings.CutPrefix(w.value, "-C"); ok && v != "" {
			hits = append(hits, configSetting(v, w)...)
			continue
		}
		for _, opt := range []string{"-C", "--config-settings", "--config-setting"} {
			if v, at, ok := value(opt); ok {
				hits = append(hits, configSetting(v, at)...)
				break
			}
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
func program(cmd []word) string {
	for _, w := range cmd {
		if i := strings.IndexByte(w.value, '='); i > 0 && !strings.HasPrefix(w.value, "-") {
			continue
		}
		return w.value
	}
	return ""
}

// configSetting reads one KEY=VALUE config setting.
func configSetting(kv string, w word) []abiHit {
	key, val, ok := strings.Cut(kv, "=")
	if !ok {
		return nil
	}
	switch strings.TrimLeft(key, "-") {
	case "hpy-abi", "hpy_abi":
		return []abiHit{{val, w}}
	case "build-option", "global-option", "build-options", "global-options":
		return hpyAbiOption(val, w)
	}
	return nil
}

// hpyAbiOption finds --hpy-abi=X among setup.py options passed through.
func hpyAbiOption(opts string, w word) []abiHit {
	var hits []abiHit
	for _, o := range strings.Fields(opts) {
		if v, ok := strings.CutPrefix(o, "--hpy-abi="); ok {
			hits = append(hits, abiHit{v, w})
		}
	}
	return hits
}

func abiOf(value string) buildcfg.ABI {
	switch value {
	case "universal", "hybrid", "cpython":
		return buildcfg.ParseABI(value)
	}
	return buildcfg.ABIUnknown
}
