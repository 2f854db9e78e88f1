package cmake

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Read parses a CMake file and returns its native targets, directory-wide
// ABI defines, comments and problems. path is slash-separated and relative
// to the project root; spans are byte offsets into content.
func Read(path string, content []byte) *buildcfg.File {
	lf := Parse(content)
	r := &reader{
		src: content,
		out: &buildcfg.File{
			Path:     path,
			Comments: lf.Comments,
			Problems: lf.Problems,
		},
		vars: vars{
			// Paths written as ${CMAKE_CURRENT_SOURCE_DIR}/x are relative
			// to this file's directory, which is how Sources are reported.
			"CMAKE_CURRENT_SOURCE_DIR": {{Value: ".", Span: noSpan}},
			"CMAKE_CURRENT_LIST_DIR":   {{Value: ".", Span: noSpan}},
		},
		targets: map[string][]*target{},
		funcs:   map[string]bool{},
	}
	r.run(lf.Commands)
	r.finish()
	return r.out
}

// define is a macro definition with the command that made it, for the
// ABISetting text.
type define struct {
	name buildcfg.StringValue
	cmd  string
}

type reader struct {
	src  []byte
	out  *buildcfg.File
	vars vars

	targets map[string][]*target
	order   []*target

	// dirDefines apply to every target of the directory, created before or
	// after (CMake's COMPILE_DEFINITIONS directory property).
	dirDefines []define
	// The rest initialise targets created after them, as CMake copies the
	// directory properties into a new target.
	dirOptDefines []define
	dirIncludes   []buildcfg.StringValue
	dirLibs       []buildcfg.StringValue

	// funcs names (lower case) the functions and macros whose bodies create
	// targets; calls to them are reported as unresolved.
	funcs map[string]bool
}

// creates lists the commands that create a native target.
var creates = map[string]bool{
	"add_library":         true,
	"python_add_library":  true,
	"python3_add_library": true,
	"python2_add_library": true,
}

func (r *reader) run(cmds []Command) {
	for i := 0; i < len(cmds); i++ {
		cmd := cmds[i]
		name := strings.ToLower(cmd.Name)
		if name == "function" || name == "macro" {
			if end, ok := r.skipBody(cmds, i, name); ok {
				i = end
				continue
			}
		}
		if r.funcs[name] {
			r.out.Unresolved = append(r.out.Unresolved, buildcfg.Unresolved{
				Span: cmd.Span,
				What: fmt.Sprintf("%s() creates a target inside a CMake function or macro body", cmd.Name),
			})
			continue
		}
		args := r.evalArgs(cmd)
		if h, ok := handlers[name]; ok {
			h(r, cmd, args)
		}
	}
}

func (r *reader) evalArgs(cmd Command) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for _, a := range cmd.Args {
		out = append(out, r.vars.eval(a)...)
	}
	return out
}

// skipBody steps over a function/macro definition: its body only runs when
// called, with arguments we do not know. It returns the index of the
// matching end command.
func (r *reader) skipBody(cmds []Command, i int, kind string) (int, bool) {
	depth := 0
	makesTarget := false
	for j := i; j < len(cmds); j++ {
		switch n := strings.ToLower(cmds[j].Name); {
		case n == kind:
			depth++
		case n == "end"+kind:
			depth--
			if depth == 0 {
				if args := r.evalArgs(cmds[i]); makesTarget && len(args) > 0 {
					r.funcs[strings.ToLower(args[0].Value)] = true
				}
				return j, true
			}
		case creates[n]:
			makesTarget = true
		}
	}
	r.out.Problems = append(r.out.Problems, buildcfg.Problem{
		Span:    cmds[i].NameSpan,
		Message: fmt.Sprintf("%s has no matching end%s()", cmds[i].Name, kind),
	})
	return 0, false
}

// abiText is the ABISetting text: the command and what it says there.
func (r *reader) abiText(cmd string, sv buildcfg.StringValue) string {
	return fmt.Sprintf("%s(... %s)", cmd, r.text(sv.Span))
}

func (r *reader) text(s source.Span) string {
	if s.Start < 0 || s.End > len(r.src) || s.Start > s.End {
		return ""
	}
	return string(r.src[s.Start:s.End])
}

// addDirDefines records directory-wide definitions; HPy ABI ones also pin
// the file's ABI.
func (r *reader) addDirDefines(cmd Command, defs []buildcfg.StringValue, atCreation bool) {
	for _, d := range defs {
		if isABIMacro(d.Value) {
			r.out.ABI = append(r.out.ABI, buildcfg.ABISetting{
				ABI:  buildcfg.ParseABI(d.Value),
				Span: d.Span,
				Text: r.abiText(cmd.Name, d),
			})
		}
		if atCreation {
			r.dirOptDefines = append(r.dirOptDefines, define{d, cmd.Name})
		} else {
			r.dirDefines = append(r.dirDefines, define{d, cmd.Name})
		}
	}
}

func (r *reader) finish() {
	for _, t := range r.order {
		if t.isExt {
			r.out.Extensions = append(r.out.Extensions, t.extension(r))
		}
	}
}
