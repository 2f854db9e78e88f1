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
		newCwd := func() *shellcmd.Cwd {
			c := shellcmd.NewCwd()
			if dir, ok := workingDirectory(lines, i, keyCol, indent < keyCol); ok {
				c.Step([]string{"cd", dir})
			}
			return c
		}
		if trimmed != "" && (trimmed[0] == '|' || trimmed[0] == '>') {
			// Block scalar: the following lines indented deeper than the key.
			cwd := newCwd()
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
			addCommands(f, scalar[1:len(scalar)-1], at+1, text, root, newCwd())
			continue
		}
		addCommands(f, scalar, at, text, root, newCwd())
	}
	return f
}

// workingDirectory finds the `working-directory:` key of the step whose
// `run:` is at line i, key column keyCol (onDash when the run: key follows
// the step's list dash). ok is false when the step has none; a value the
// reader cannot know (an expression) comes back as it is, and the shell
// directory is then unknown.
func workingDirectory(lines []line, i, keyCol int, onDash bool) (string, bool) {
	value := func(l line) (string, bool) {
		_, rest := indentOf(l.text)
		rest = strings.TrimPrefix(rest, "- ")
		v, ok := strings.CutPrefix(strings.TrimLeft(rest, " "), "working-directory:")
		if !ok {
			return "", false
		}
		v = strings.TrimSpace(stripComment(v))
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		if strings.Contains(v, "${{") {
			v = "$" + v
		}
		return v, v != ""
	}
	if !onDash {
		for j := i - 1; j >= 0; j-- {
			ind, rest := indentOf(lines[j].text)
			if rest == "" || ind > keyCol {
				continue
			}
			if ind == keyCol-2 && strings.HasPrefix(rest, "- ") {
				return value(lines[j])
			}
			if ind != keyCol {
				break
			}
			if v, ok := value(lines[j]); ok {
				return v, true
			}
		}
	}
	for j := i + 1; j < len(lines); j++ {
		ind, rest := indentOf(lines[j].text)
		if rest == "" || ind > keyCol {
			continue
		}
		if ind != keyCol || strings.HasPrefix(rest, "- ") {
			break
		}
		if v, ok := value(lines[j]); ok {
			return v, true
		}
	}
	return "", false
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
