// Package scripts reads the HPy ABI that build commands outside the build
// configs ask for: shell scripts, tox.ini commands and CI workflow steps
// that run `setup.py --hpy-abi=...` or pip with `-C hpy-abi=...`. Each
// finding is an ABISetting with the span of the word that says it.
package scripts

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/setupcfg/ini"
	"github.com/hpyproject/hpylint/analysis/buildcfg/shellcmd"
)

// ReadShell reads a shell script. Scripts are taken to run from the
// project root, as CI runs them, and where that is cannot be told from the
// script's path: its settings' Targets are relative to the root, and the
// file is ProjectWide (the model places them). cd and pushd are followed.
func ReadShell(file string, content []byte) *buildcfg.File {
	f := &buildcfg.File{Path: file, ProjectWide: true}
	addCommands(f, string(content), 0, string(content), ".", shellcmd.NewCwd())
	return f
}

// ReadTox reads tox.ini: every option of every section is a command line
// candidate (commands, commands_pre, install_command, ...).
func ReadTox(file string, content []byte) *buildcfg.File {
	f := &buildcfg.File{Path: file}
	doc := ini.Parse(content)
	f.Comments = doc.Comments
	for _, s := range doc.Sections {
		for _, e := range s.Entries {
			for _, l := range e.Lines {
				// tox runs each command on its own, in tox.ini's directory.
				addCommands(f, l.Text, l.Span.Start, string(content), path.Dir(file), shellcmd.NewCwd())
			}
		}
	}
	return f
}

// addCommands splits text (at offset in the file) into commands and
// records the ABI each asks for, with the project it builds: base is the
// directory the shell starts in, cwd follows its cd commands. A choice
// whose project cannot be placed is not recorded: it would say nothing
// about any extension for sure.
func addCommands(f *buildcfg.File, text string, offset int, file, base string, cwd *shellcmd.Cwd) {
	words := shellcmd.Split(text, offset)
	fns := functionStarts(words)
	for _, cmd := range shellcmd.Commands(words) {
		values := make([]string, len(cmd))
		for i, w := range cmd {
			values[i] = w.Value
		}
		if fns[cmd[0].Span.Start] {
			// A function body runs when it is called, from wherever the
			// caller is: most often where the script starts.
			*cwd = *shellcmd.NewCwd()
		}
		hits := shellcmd.ABI(values)
		target, placed := "", false
		if len(hits) > 0 {
			if dir, ok := shellcmd.Target(values); ok {
				target, placed = cwd.Resolve(base, dir)
			}
		}
		cwd.Step(values)
		for _, h := range hits {
			w := cmd[h.Word]
			abi := shellcmd.ABIOf(h.Value)
			if abi == buildcfg.ABIUnknown {
				f.Unresolved = append(f.Unresolved, buildcfg.Unresolved{Span: w.Span, What: "HPy ABI " + quote(h.Value) + " chosen by a build command"})
				if placed && strings.ContainsAny(h.Value, "${") {
					// A variable ($HPY_ABI, tox's {env:HPY_ABI}): some
					// build of the project may be universal.
					f.ABI = append(f.ABI, buildcfg.ABISetting{ABI: buildcfg.ABIUniversal, Varies: true, Span: w.Span, Text: file[w.Span.Start:w.Span.End], Target: target})
				}
				continue
			}
			if placed {
				f.ABI = append(f.ABI, buildcfg.ABISetting{ABI: abi, Span: w.Span, Text: file[w.Span.Start:w.Span.End], Target: target})
			}
		}
	}
}

// functionStarts finds where shell functions are defined: `name() {` or
// `function name {`.
func functionStarts(words []shellcmd.Word) map[int]bool {
	out := map[int]bool{}
	for i, w := range words {
		if w.Op {
			continue
		}
		if w.Value == "function" && (i == 0 || words[i-1].Op) {
			out[w.Span.Start] = true
		}
		if i+2 < len(words) && words[i+1].Value == "(" && words[i+2].Value == ")" {
			out[w.Span.Start] = true
		}
	}
	return out
}

func quote(s string) string { return "\"" + s + "\"" }
