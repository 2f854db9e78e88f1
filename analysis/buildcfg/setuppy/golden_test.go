package setuppy

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

var update = flag.Bool("update", false, "rewrite the .golden files of testdata/buildcfg/setuppy")

const fixtureDir = "../../../testdata/buildcfg/setuppy"

// TestGolden reads every fixture and compares a rendering that shows each
// span as the text it covers, so a wrong offset shows up as wrong text.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.py"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", fixtureDir, err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		t.Run(name, func(t *testing.T) {
			content, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := render(content, Read("pkg/setup.py", content))
			golden := strings.TrimSuffix(path, ".py") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("rendering differs from %s (go test -update rewrites it)\n--- got\n%s", golden, got)
			}
		})
	}
}

func render(content []byte, f *buildcfg.File) string {
	var b strings.Builder
	at := func(s source.Span) string {
		if s.Start < 0 || s.End > len(content) || s.Start > s.End {
			return fmt.Sprintf("[%d,%d] <out of range>", s.Start, s.End)
		}
		return fmt.Sprintf("[%d,%d] %q", s.Start, s.End, content[s.Start:s.End])
	}
	sv := func(v buildcfg.StringValue) string { return fmt.Sprintf("%q at %s", v.Value, at(v.Span)) }
	abi := func(a buildcfg.ABISetting) string {
		return fmt.Sprintf("%s dynamic=%v text=%q at %s", a.ABI, a.Dynamic, a.Text, at(a.Span))
	}
	fmt.Fprintf(&b, "path: %s\n", f.Path)
	for _, p := range f.Problems {
		fmt.Fprintf(&b, "problem: %s at %s\n", p.Message, at(p.Span))
	}
	if f.ProjectName != nil {
		fmt.Fprintf(&b, "project: %s\n", sv(*f.ProjectName))
	}
	if f.HPyExtModules != nil {
		fmt.Fprintf(&b, "hpy_ext_modules: %s\n", at(*f.HPyExtModules))
	}
	for _, e := range f.Extensions {
		kind := map[buildcfg.ExtensionKind]string{buildcfg.HPyExtension: "hpy", buildcfg.PlainExtension: "plain"}[e.Kind]
		fmt.Fprintf(&b, "extension (%s): %s\n  decl: %s\n", kind, sv(e.Name), at(e.Decl))
		list := func(label string, vs []buildcfg.StringValue) {
			for _, v := range vs {
				fmt.Fprintf(&b, "  %s: %s\n", label, sv(v))
			}
		}
		list("source", e.Sources)
		list("library", e.Libraries)
		list("include_dir", e.IncludeDirs)
		list("define", e.Defines)
		list("generated", e.Generated)
		if u := e.SourcesIncomplete; u != nil {
			fmt.Fprintf(&b, "  sources incomplete: %s\n    at %s\n", u.What, at(u.Span))
		}
		if e.PyLimitedAPI != nil {
			fmt.Fprintf(&b, "  py_limited_api: %s\n", sv(*e.PyLimitedAPI))
		}
		if e.ABI != nil {
			fmt.Fprintf(&b, "  abi: %s\n", abi(*e.ABI))
		}
	}
	for _, a := range f.ABI {
		fmt.Fprintf(&b, "abi: %s\n", abi(a))
	}
	if rl := f.SetupRequires; rl != nil {
		fmt.Fprintf(&b, "setup_requires: %s\n", at(rl.Span))
		for _, r := range rl.Entries {
			fmt.Fprintf(&b, "  requirement: %s at %s\n", r.Name, at(r.Span))
		}
		if rl.InsertAt >= 0 && rl.InsertAt <= len(content) {
			ins := strings.ReplaceAll(rl.InsertText, "NAME", "hpy")
			edited := string(content[:rl.InsertAt]) + ins + string(content[rl.InsertAt:])
			fmt.Fprintf(&b, "  with hpy added: %q\n", edited[rl.Span.Start:rl.Span.End+len(ins)])
		} else {
			fmt.Fprintf(&b, "  insert: %d %q\n", rl.InsertAt, rl.InsertText)
		}
	}
	for _, u := range f.Unresolved {
		fmt.Fprintf(&b, "unresolved: %s\n  at %s\n", u.What, at(u.Span))
	}
	for _, c := range f.Comments {
		fmt.Fprintf(&b, "comment: %q at %s\n", c.Text, at(c.Span))
	}
	return b.String()
}
