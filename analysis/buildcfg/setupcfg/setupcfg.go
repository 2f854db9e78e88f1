// Package setupcfg reads what hpylint needs from setup.cfg: the HPy ABI a
// project forces (hpy_abi in [global], [options] or [build_ext]), the
// setup_requires list and the project name.
package setupcfg

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/setupcfg/ini"
)

// abiSections are where an hpy_abi option takes effect: [global] sets the
// global --hpy-abi option of distutils; projects also put it in [options]
// and [build_ext].
var abiSections = []string{"global", "options", "build_ext"}

// Read reads one setup.cfg. It never fails: lines configparser would reject
// become File.Problems and the rest is still read.
func Read(path string, content []byte) *buildcfg.File {
	doc := ini.Parse(content)
	f := &buildcfg.File{Path: path, Comments: doc.Comments}
	for _, p := range doc.Problems {
		f.Problems = append(f.Problems, buildcfg.Problem{Span: p.Span,
			Message: fmt.Sprintf("invalid setup.cfg at line %d: %s", p.Line, p.Message)})
	}
	for _, name := range abiSections {
		readABI(f, doc.Section(name))
	}
	if e := option(doc.Section("options"), "setup_requires"); e != nil {
		f.SetupRequires = requirements(content, e)
	}
	if e := doc.Section("metadata").Get("name"); e != nil && e.Value() != "" {
		f.ProjectName = &buildcfg.StringValue{Value: strings.TrimSpace(e.Value()), Span: e.Span}
	}
	return f
}

// option finds an option by its underscore spelling or the dashed one,
// which setuptools still accepts (with a deprecation warning).
func option(s *ini.Section, key string) *ini.Entry {
	if e := s.Get(key); e != nil {
		return e
	}
	return s.Get(strings.ReplaceAll(key, "_", "-"))
}

func readABI(f *buildcfg.File, s *ini.Section) {
	e := option(s, "hpy_abi")
	if e == nil {
		return
	}
	value := strings.TrimSpace(e.Value())
	abi := buildcfg.ABIUnknown
	switch value {
	case "universal", "hybrid", "cpython":
		abi = buildcfg.ParseABI(value)
	}
	if abi == buildcfg.ABIUnknown {
		f.Problems = append(f.Problems, buildcfg.Problem{Span: e.Span,
			Message: fmt.Sprintf("[%s] %s = %q is not an HPy ABI (want universal, hybrid or cpython)", s.Name, e.RawKey, value)})
		return
	}
	f.ABI = append(f.ABI, buildcfg.ABISetting{ABI: abi, Span: e.Span, Text: e.RawKey + " = " + value})
}
