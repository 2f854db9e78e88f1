package scripts

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/shellcmd"
)

// ReadWorkflow reads a GitHub Actions workflow (or any YAML CI file) for
// the shell of its `run:` steps. No YAML grammar is available here; this
// reads the subset that holds commands: a `run:` key (possibly after a
// list dash) with an inline scalar, plain or quoted, or a block scalar
// (`|`, `>`, with chomping indicators) whose lines are indented deeper
// than the key.
//
// A step's commands run in one shell from the project root (the checkout):
// the directory that holds .github/workflows/, or the CI file's own.
func ReadWorkflow(file string, content []byte) *buildcfg.File {
	f := &buildcfg.File{Path: file}
	root := path.Dir(file)
	if i := strings.LastIndex(file, ".github/workflows/"); i >= 0 {
		root = path.Clean("./" + file[:i])
	}
	text := string(content)
	lines := splitLines(text)
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		indent, rest := indentOf(l.text)
		keyCol := indent
		if strings.HasPrefix(rest, "- ") {
			keyCol += 2
			rest = strings.TrimLeft(rest[2:], " ")
			keyCol = len(l.text) - len(rest)
		}
		value, ok := strings.CutPrefix(rest, "run:")
		if !ok {
			continue
		}
		valueAt := l.start + len(l.text) - len(value)
		trimmed := strings.TrimSpace(stripComment(value))
		if trimmed != "" && (trimmed[0] == '|' || trimmed[0] == '>') {
			// Block scalar: the following lines indented deeper than the key.
			cwd := shellcmd.NewCwd()
			for i+1 < len(lines) {
				next := lines[i+1]
				ind, body := indentOf(next.text)
				if body != "" && ind <= keyCol {
					break
				}
				i++
				addCommands(f, next.text, next.start, text, root, cwd)
			}
			continue
		}
		lead := len(value) - len(strings.TrimLeft(value, " \t"))
		scalar := strings.TrimRight(stripComment(value[lead:]), " \t")
		at := valueAt + lead
		if len(scalar) >= 2 && (scalar[0] == '"' || scalar[0] == '\'') && scalar[len(scalar)-1] == scalar[0] {
			// A quoted scalar: its inside is the command (escapes are rare
			// in commands and left as written).
			addCommands(f, scalar[1:len(scalar)-1], at+1, text, root, shellcmd.NewCwd())
			continue
		}
		addCommands(f, scalar, at, text, root, shellcmd.NewCwd())
	}
	return f
}

type line struct {
	text  string
	start int
}

func splitLines(text string) []line {
	var out []line
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			out = append(out, line{text: strings.TrimSuffix(text[start:i], "\r"), start: start})
			start = i + 1
		}
	}
	return out
}

func indentOf(s string) (int, string) {
	rest := strings.TrimLeft(s, " ")
	return len(s) - len(rest), rest
}

// stripComment drops a YAML comment: " #" outside quotes.
func stripComment(s string) string {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return s[:i]
		}
	}
	return s
}
