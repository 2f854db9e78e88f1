package meson

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Read parses a meson.build file and returns its native targets, the
// directory-wide ABI defines, comments and problems. path is slash-separated
// and relative to the project root; spans are byte offsets into content.
func Read(path string, content []byte) *buildcfg.File {
	prog, comments, problems := Parse(content)
	r := &reader{
		src:  content,
		out:  &buildcfg.File{Path: path, Comments: comments, Problems: problems},
		vars: map[string]value{},
		seen: map[source.Span]bool{},
	}
	r.exec(prog.Stmts)
	r.finish()
	return r.out
}

type reader struct {
	src     []byte
	out     *buildcfg.File
	vars    map[string]value
	targets []*target
	// Project arguments reach every target (meson refuses them after the
	// first target, so order does not matter).
	projDefines  []define
	projIncludes []buildcfg.StringValue
	projLibs     []buildcfg.StringValue
	seen         map[source.Span]bool // Unresolved already reported
}

// exec runs statements once, in order, ignoring control flow: every branch
// of an if runs, a foreach body runs once with unknown loop variables.
func (r *reader) exec(stmts []Node) {
	for _, st := range stmts {
		switch st := st.(type) {
		case *Assign:
			v := r.eval(st.Value)
			if st.Op == "+=" {
				old, ok := r.vars[st.Target.Name]
				if !ok {
					old = unknown(st.Target.Span, "variable "+st.Target.Name)
				}
				v = plus(old, v, st.Span)
			}
			r.vars[st.Target.Name] = v
		case *ExprStmt:
			r.eval(st.X)
		case *If:
			for _, c := range st.Clauses {
				r.exec(c.Body)
			}
			r.exec(st.Else)
		case *Foreach:
			for _, v := range st.Vars {
				r.vars[v.Name] = unknown(v.Span, "foreach variable "+v.Name)
			}
			r.exec(st.Body)
		}
	}
}

func (r *reader) text(s source.Span) string {
	if s.Start < 0 || s.End > len(r.src) || s.Start > s.End {
		return ""
	}
	return string(r.src[s.Start:s.End])
}

// shortText is an expression's text for messages: first line, bounded.
func (r *reader) shortText(s source.Span) string {
	t := r.text(s)
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		t = t[:i] + "..."
	}
	if len(t) > 60 {
		t = t[:57] + "..."
	}
	return t
}

func (r *reader) unresolved(v value, context string) {
	if r.seen[v.span] {
		return
	}
	r.seen[v.span] = true
	r.out.Unresolved = append(r.out.Unresolved, buildcfg.Unresolved{
		Span: v.span,
		What: fmt.Sprintf("%s: %s is not known statically", context, v.why),
	})
}

// abiText is the ABISetting text: the call and what it says there.
func (r *reader) abiText(call string, sv buildcfg.StringValue) string {
	return fmt.Sprintf("%s(... %s)", call, r.text(sv.Span))
}

func (r *reader) finish() {
	for _, t := range r.targets {
		r.out.Extensions = append(r.out.Extensions, t.extension(r))
	}
}
