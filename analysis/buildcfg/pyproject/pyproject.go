// Package pyproject reads what hpylint needs from pyproject.toml: the
// [build-system] requirements (HPy builds need "hpy" there for isolated
// builds), the project name, and setuptools' experimental
// [tool.setuptools] ext-modules table.
package pyproject

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/tomldoc"
)

// Read reads one pyproject.toml. It never fails: invalid TOML and values of
// the wrong type become File.Problems and the rest is still read.
func Read(path string, content []byte) *buildcfg.File {
	doc, problems := tomldoc.Parse(content)
	f := &buildcfg.File{Path: path, Comments: doc.Comments}
	for _, p := range problems {
		f.Problems = append(f.Problems, buildcfg.Problem{Span: p.Span, Message: p.Message})
	}
	r := &reader{f: f, doc: doc, src: content}
	r.buildSystem()
	r.project()
	r.extModules()
	return f
}

type reader struct {
	f   *buildcfg.File
	doc *tomldoc.Doc
	src []byte
}

// typeProblem reports a known key holding the wrong kind of value; the
// build backend would reject it too.
func (r *reader) typeProblem(v *tomldoc.Value, key, want string) {
	r.f.Problems = append(r.f.Problems, buildcfg.Problem{
		Span:    v.Span,
		Message: key + " must be " + want + ", not " + article(v.Kind),
	})
}

func article(k tomldoc.Kind) string {
	switch k {
	case tomldoc.KindArray, tomldoc.KindInteger:
		return "an " + k.String()
	}
	return "a " + k.String()
}

func (r *reader) project() {
	v, ok := r.doc.Lookup("project", "name")
	if !ok {
		return
	}
	if v.Kind != tomldoc.KindString {
		r.typeProblem(v, "[project] name", "a string")
		return
	}
	r.f.ProjectName = &buildcfg.StringValue{Value: v.Str, Span: v.Span}
}
