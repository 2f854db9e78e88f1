// Package scripts reads the HPy ABI that build commands outside the build
// configs ask for: shell scripts, tox.ini commands and CI workflow steps
// that run `setup.py --hpy-abi=...` or pip with `-C hpy-abi=...`. Each
// finding is an ABISetting with the span of the word that says it.
package scripts

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/setupcfg/ini"
	"github.com/hpyproject/hpylint/analysis/buildcfg/shellcmd"
)

// ReadShell reads a shell script.
func ReadShell(path string, content []byte) *buildcfg.File {
	f := &buildcfg.File{Path: path, ProjectWide: true}
	addCommands(f, string(content), 0, string(content))
	return f
}

// ReadTox reads tox.ini: every option of every section is a command line
// candidate (commands, commands_pre, install_command, ...).
func ReadTox(path string, content []byte) *buildcfg.File {
	f := &buildcfg.File{Path: path}
	doc := ini.Parse(content)
	f.Comments = doc.Comments
	for _, s := range doc.Sections {
		for _, e := range s.Entries {
			for _, l := range e.Lines {
				addCommands(f, l.Text, l.Span.Start, string(content))
			}
		}
	}
	return f
}

// addCommands splits text (at offset in the file) into commands and
// records the ABI each asks for.
func addCommands(f *buildcfg.File, text string, offset int, file string) {
	for _, cmd := range shellcmd.Commands(shellcmd.Split(text, offset)) {
		values := make([]string, len(cmd))
		for i, w := range cmd {
			values[i] = w.Value
		}
		for _, h := range shellcmd.ABI(values) {
			w := cmd[h.Word]
			abi := shellcmd.ABIOf(h.Value)
			if abi == buildcfg.ABIUnknown {
				f.Unresolved = append(f.Unresolved, buildcfg.Unresolved{Span: w.Span, What: "HPy ABI " + quote(h.Value) + " chosen by a build command"})
				continue
			}
			f.ABI = append(f.ABI, buildcfg.ABISetting{ABI: abi, Span: w.Span, Text: file[w.Span.Start:w.Span.End]})
		}
	}
}

func quote(s string) string { return "\"" + s + "\"" }
