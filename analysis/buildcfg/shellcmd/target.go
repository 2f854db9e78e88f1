package shellcmd

import (
	"path"
	"strings"
)

// A build command's ABI option applies only to the project it builds: the
// setup.py it runs, the directory pip or build is given. Target finds that
// directory; Cwd follows the cd, pushd and popd of a shell so that a
// relative target can be placed in the project.

// Target returns the directory, relative to the command's working
// directory, of the project a build command builds: "." for
// `python setup.py ...` or `pip install .`, "docs/x" for
// `python docs/x/setup.py ...` or `pip install -e ./docs/x`. ok is false
// when the command builds no local project, or names it through a variable
// or several of them.
func Target(values []string) (dir string, ok bool) {
	for _, v := range values {
		if path.Base(v) == "setup.py" {
			return cleanDir(path.Dir(v))
		}
	}
	sub := subcommand(values)
	switch sub.tool {
	case "pip":
		switch sub.name {
		case "install", "wheel", "download":
		default:
			return "", false
		}
	case "build":
		// python -m build [srcdir]: the current directory by default.
		if dirs := positional(values[sub.at:]); len(dirs) <= 1 {
			if len(dirs) == 0 {
				return ".", true
			}
			return cleanDir(dirs[0])
		}
		return "", false
	default:
		return "", false
	}
	var found []string
	for _, v := range positional(values[sub.at:]) {
		if isLocalPath(v) {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		return "", false
	}
	return cleanDir(found[0])
}

type subcmd struct {
	tool string // "pip" or "build"
	name string // pip's subcommand
	at   int    // the index after the subcommand
}

// subcommand finds pip (pip, pip3, pip3.11, python -m pip) or python -m
// build and pip's subcommand.
func subcommand(values []string) subcmd {
	for i, v := range values {
		tool := ""
		if v == "-m" && i+1 < len(values) && (values[i+1] == "pip" || values[i+1] == "build") {
			tool = values[i+1]
			i++
		} else if rest, ok := strings.CutPrefix(path.Base(v), "pip"); ok && strings.Trim(rest, "0123456789.") == "" && i == programIndex(values) {
			tool = "pip"
		}
		if tool == "" {
			continue
		}
		if tool == "build" {
			return subcmd{tool: tool, at: i + 1}
		}
		for j := i + 1; j < len(values); j++ {
			if !strings.HasPrefix(values[j], "-") {
				return subcmd{tool: tool, name: values[j], at: j + 1}
			}
		}
		return subcmd{tool: tool}
	}
	return subcmd{}
}

func programIndex(values []string) int {
	for i, v := range values {
		if j := strings.IndexByte(v, '='); j > 0 && !strings.HasPrefix(v, "-") {
			continue
		}
		return i
	}
	return -1
}

// valueOptions are pip's and build's options that take the next word as
// their value; -e/--editable are read as positional, since their value is
// the project.
var valueOptions = map[string]bool{
	"-r": true, "--requirement": true, "-c": true, "--constraint": true,
	"-C": true, "--config-settings": true, "--config-setting": true,
	"--global-option": true, "--build-option": true, "--install-option": true,
	"-w": true, "--wheel-dir": true, "-t": true, "--target": true, "-d": true, "--dest": true,
	"--prefix": true, "--root": true, "--src": true, "--cache-dir": true, "--log": true,
	"-i": true, "--index-url": true, "--extra-index-url": true, "-f": true, "--find-links": true,
	"--python-version": true, "--platform": true, "--implementation": true, "--abi": true,
	"--only-binary": true, "--no-binary": true, "--upgrade-strategy": true, "--progress-bar": true,
	"--report": true, "--trusted-host": true, "--proxy": true, "--timeout": true, "--retries": true,
	"-o": true, "--outdir": true,
}

// positional returns the words that are not options or option values.
func positional(values []string) []string {
	var out []string
	for i := 0; i < len(values); i++ {
		v := values[i]
		switch {
		case v == "-e" || v == "--editable":
			continue // its value is the next, positional, word
		case strings.HasPrefix(v, "--editable="):
			out = append(out, strings.TrimPrefix(v, "--editable="))
		case valueOptions[v]:
			i++
		case strings.HasPrefix(v, "-"):
		default:
			out = append(out, v)
		}
	}
	return out
}

// isLocalPath tells a project directory from a requirement, a URL or an
// archive: ".", "./x", "../x", "x/".
func isLocalPath(v string) bool {
	if strings.ContainsAny(v, "$`*?[=<>@") || strings.Contains(v, "://") {
		return false
	}
	for _, ext := range []string{".whl", ".tar.gz", ".zip", ".txt"} {
		if strings.HasSuffix(v, ext) {
			return false
		}
	}
	return v == "." || v == ".." || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "../") ||
		strings.HasPrefix(v, "/") || strings.Contains(v, "/")
}

func cleanDir(d string) (string, bool) {
	if d == "" || strings.ContainsAny(d, "$`*?~") || path.IsAbs(d) {
		return "", false
	}
	return path.Clean(d), true
}

// Cwd follows a shell's working directory, relative to where the shell
// starts, through cd, pushd and popd with literal directories.
type Cwd struct {
	dir   string
	known bool
	stack []cwdState
}

type cwdState struct {
	dir   string
	known bool
}

// NewCwd starts at the shell's starting directory.
func NewCwd() *Cwd { return &Cwd{dir: ".", known: true} }

// Dir is the current directory relative to the start; ok is false once a
// cd went somewhere not written literally.
func (c *Cwd) Dir() (string, bool) { return c.dir, c.known }

// Step applies one command: cd DIR, pushd DIR or popd. Other commands
// leave the directory as it is.
func (c *Cwd) Step(values []string) {
	if len(values) == 0 {
		return
	}
	switch values[0] {
	case "cd", "pushd":
		if values[0] == "pushd" {
			c.stack = append(c.stack, cwdState{c.dir, c.known})
		}
		var args []string
		for _, v := range values[1:] {
			if !strings.HasPrefix(v, "-") {
				args = append(args, v)
			}
		}
		if len(args) != 1 || strings.ContainsAny(args[0], "$`*?~") || path.IsAbs(args[0]) {
			c.known = false
			return
		}
		c.dir = path.Join(c.dir, args[0])
	case "popd":
		if n := len(c.stack); n > 0 {
			c.dir, c.known = c.stack[n-1].dir, c.stack[n-1].known
			c.stack = c.stack[:n-1]
			return
		}
		c.known = false
	}
}

// Resolve places a command's target in the project: base is the directory
// the shell starts in (relative to the project root), dir the target
// relative to the working directory. ok is false when either is unknown.
func (c *Cwd) Resolve(base, dir string) (string, bool) {
	if !c.known || path.IsAbs(dir) {
		return "", false
	}
	return path.Join(base, c.dir, dir), true
}
