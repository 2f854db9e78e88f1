package pyproject

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

const fixtures = "../../../testdata/buildcfg/pyproject"

func load(t testing.TB, name string) (string, []byte) {
	t.Helper()
	p := filepath.Join(fixtures, name, "pyproject.toml")
	content, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, content
}

func text(content []byte, s source.Span) string {
	if s.Start < 0 || s.End > len(content) || s.Start > s.End {
		return "<bad span>"
	}
	return string(content[s.Start:s.End])
}

func TestRequires(t *testing.T) {
	tests := []struct {
		fixture string
		names   []string
		spans   []string // entry literals
		list    string   // the array literal
		// after is the requires array once NAME is inserted as "hpy".
		after string
	}{
		{"single-line", []string{"setuptools", "wheel"}, []string{`"setuptools>=64"`, `"wheel"`},
			`["setuptools>=64", "wheel"]`, `["setuptools>=64", "wheel", "hpy"]`},
		{"multi-line", []string{"setuptools", "hpy", "cython-tools"},
			[]string{`"setuptools>=64"`, `"HPy[dev] >= 0.9.0; python_version >= '3.8'"`, `"Cython.Tools @ https://example.invalid/cy.tar.gz"`},
			"[\n    \"setuptools>=64\",\n    \"HPy[dev] >= 0.9.0; python_version >= '3.8'\",  # the HPy devel package\n    \"Cython.Tools @ https://example.invalid/cy.tar.gz\",\n]",
			"[\n    \"setuptools>=64\",\n    \"HPy[dev] >= 0.9.0; python_version >= '3.8'\",  # the HPy devel package\n    \"Cython.Tools @ https://example.invalid/cy.tar.gz\",\n    \"hpy\",\n]"},
		{"multi-line-no-comma", []string{"setuptools", "wheel"}, []string{`"setuptools"`, `"wheel"`},
			"[\n\t\"setuptools\",\n\t\"wheel\"\n]", "[\n\t\"setuptools\",\n\t\"wheel\",\n\t\"hpy\"\n]"},
		{"multi-line-comment", []string{"setuptools", "wheel"}, nil,
			"[\n  \"setuptools\",\n  \"wheel\",  # keep this comment on its line\n  ]",
			"[\n  \"setuptools\",\n  \"wheel\",  # keep this comment on its line\n  \"hpy\",\n  ]"},
		{"empty-requires", nil, nil, `[]`, `["hpy"]`},
		{"inline-trailing-comma", []string{"setuptools"}, nil, `["setuptools",]`, `["setuptools", "hpy",]`},
		{"literal-quotes", []string{"setuptools"}, []string{`'setuptools'`}, `['setuptools']`, `['setuptools', 'hpy']`},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			p, content := load(t, tt.fixture)
			f := Read(p, content)
			if len(f.Problems) > 0 {
				t.Fatalf("problems: %+v", f.Problems)
			}
			if !f.HasBuildSystem {
				t.Error("HasBuildSystem = false")
			}
			rl := f.BuildRequires
			if rl == nil {
				t.Fatal("BuildRequires = nil")
			}
			var names []string
			for i, e := range rl.Entries {
				names = append(names, e.Name)
				if i < len(tt.spans) && text(content, e.Span) != tt.spans[i] {
					t.Errorf("entry %d span = %q, want %q", i, text(content, e.Span), tt.spans[i])
				}
			}
			if !reflect.DeepEqual(names, tt.names) {
				t.Errorf("names = %q, want %q", names, tt.names)
			}
			if got := text(content, rl.Span); got != tt.list {
				t.Errorf("Span = %q, want %q", got, tt.list)
			}
			edited := string(content[:rl.InsertAt]) + strings.ReplaceAll(rl.InsertText, "NAME", "hpy") + string(content[rl.InsertAt:])
			after := Read(p, []byte(edited))
			if len(after.Problems) > 0 || !after.BuildRequires.Has("hpy") {
				t.Fatalf("after insertion: problems %+v, entries %+v\n%s", after.Problems, after.BuildRequires, edited)
			}
			if got := text([]byte(edited), after.BuildRequires.Span); got != tt.after {
				t.Errorf("after insertion:\n got  %q\n want %q", got, tt.after)
			}
		})
	}
}

func TestProjectAndBuildSystem(t *testing.T) {
	p, content := load(t, "single-line")
	f := Read(p, content)
	if f.Path != p {
		t.Errorf("Path = %q", f.Path)
	}
	if f.ProjectName == nil || f.ProjectName.Value != "My_Package" || text(content, f.ProjectName.Span) != `"My_Package"` {
		t.Errorf("ProjectName = %+v", f.ProjectName)
	}

	p, content = load(t, "no-build-system")
	f = Read(p, content)
	if f.HasBuildSystem || f.BuildRequires != nil {
		t.Errorf("HasBuildSystem = %v, BuildRequires = %+v", f.HasBuildSystem, f.BuildRequires)
	}
	if f.ProjectName == nil || f.ProjectName.Value != "nobs" {
		t.Errorf("ProjectName = %+v", f.ProjectName)
	}
}

func TestComments(t *testing.T) {
	p, content := load(t, "multi-line")
	f := Read(p, content)
	want := []string{"# Build settings for the demo extension.", "# the HPy devel package"}
	if len(f.Comments) != len(want) {
		t.Fatalf("comments = %+v", f.Comments)
	}
	for i, c := range f.Comments {
		if c.Text != want[i] || text(content, c.Span) != want[i] {
			t.Errorf("comment %d = %+v", i, c)
		}
	}
}

func TestExtModules(t *testing.T) {
	type ext struct {
		name, decl            string
		sources, libs, incs   []string
		defines               []string
		limited, abi, abiSpan string
	}
	values := func(c []byte, vs []buildcfg.StringValue) []string {
		var out []string
		for _, v := range vs {
			if !strings.Contains(text(c, v.Span), v.Value) {
				t.Errorf("span %q does not hold %q", text(c, v.Span), v.Value)
			}
			out = append(out, v.Value)
		}
		return out
	}
	tests := []struct {
		fixture string
		want    []ext
	}{
		{"ext-modules", []ext{
			{name: "demo._plain", decl: `{name = "demo._plain", sources = ["src/plain.c", "src/util.c"], include-dirs = ["include"], libraries = ["m"]}`,
				sources: []string{"src/plain.c", "src/util.c"}, libs: []string{"m"}, incs: []string{"include"}},
			{name: "demo._hpy", decl: `{name = "demo._hpy", sources = ["src/hpymod.c"], define-macros = [["HPY_ABI_UNIVERSAL", "1"]], py_limited_api = true}`,
				sources: []string{"src/hpymod.c"}, defines: []string{"HPY_ABI_UNIVERSAL"}, limited: "true",
				abi: "universal", abiSpan: `"HPY_ABI_UNIVERSAL"`},
			{name: "demo._flags", decl: `{name = "demo._flags", sources = ["src/flags.c"], extra-compile-args = ["-O2", "-DHPY_ABI_HYBRID", "-DNDEBUG=1"]}`,
				sources: []string{"src/flags.c"}, defines: []string{"HPY_ABI_HYBRID", "NDEBUG"},
				abi: "hybrid", abiSpan: `"-DHPY_ABI_HYBRID"`},
		}},
		{"ext-modules-tables", []ext{
			{name: "pkg._a", decl: "[[tool.setuptools.ext-modules]]\nname = \"pkg._a\"\nsources = [\"a.c\"]", sources: []string{"a.c"}},
			{name: "pkg._b", decl: "[[tool.setuptools.ext-modules]]\nname = \"pkg._b\"\nsources = [\"b.c\"]", sources: []string{"b.c"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			p, c := load(t, tt.fixture)
			f := Read(p, c)
			if len(f.Problems) > 0 {
				t.Fatalf("problems: %+v", f.Problems)
			}
			if len(f.Extensions) != len(tt.want) {
				t.Fatalf("got %d extensions, want %d", len(f.Extensions), len(tt.want))
			}
			for i, w := range tt.want {
				e := f.Extensions[i]
				if e.Kind != buildcfg.PlainExtension {
					t.Errorf("%s: Kind = %v", w.name, e.Kind)
				}
				if e.Name.Value != w.name || text(c, e.Name.Span) != `"`+w.name+`"` {
					t.Errorf("Name = %+v (%q)", e.Name, text(c, e.Name.Span))
				}
				if got := text(c, e.Decl); got != w.decl {
					t.Errorf("%s: Decl = %q, want %q", w.name, got, w.decl)
				}
				for _, cmp := range []struct {
					what      string
					got, want []string
				}{
					{"sources", values(c, e.Sources), w.sources},
					{"libraries", values(c, e.Libraries), w.libs},
					{"include dirs", values(c, e.IncludeDirs), w.incs},
					{"defines", values(c, e.Defines), w.defines},
				} {
					if !reflect.DeepEqual(cmp.got, cmp.want) {
						t.Errorf("%s: %s = %q, want %q", w.name, cmp.what, cmp.got, cmp.want)
					}
				}
				switch {
				case w.limited == "" && e.PyLimitedAPI != nil:
					t.Errorf("%s: PyLimitedAPI = %+v", w.name, e.PyLimitedAPI)
				case w.limited != "" && (e.PyLimitedAPI == nil || text(c, e.PyLimitedAPI.Span) != w.limited):
					t.Errorf("%s: PyLimitedAPI = %+v", w.name, e.PyLimitedAPI)
				}
				switch {
				case w.abi == "" && e.ABI != nil:
					t.Errorf("%s: ABI = %+v", w.name, e.ABI)
				case w.abi != "" && (e.ABI == nil || string(e.ABI.ABI) != w.abi || text(c, e.ABI.Span) != w.abiSpan):
					t.Errorf("%s: ABI = %+v", w.name, e.ABI)
				}
			}
		})
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		fixture string
		want    []string
		spans   []string
	}{
		{"invalid", []string{
			`invalid TOML at line 5: syntax error at "name = \"broken"`,
			`invalid TOML at line 10: duplicate key "tool.other.x" (first defined at line 9)`,
		}, []string{"name = \"broken", "x"}},
		{"wrong-types", []string{
			"[build-system] requires entry must be a string, not an integer",
			"[project] name must be a string, not an integer",
			"[tool.setuptools] ext-modules entry needs a name string",
			"[tool.setuptools] ext-modules entry must be a table, not a string",
			"ext-modules sources must be an array of strings, not a string",
		}, []string{"3", "7", `{sources = ["x.c"]}`, `"not a table"`, `"x.c"`}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			p, c := load(t, tt.fixture)
			f := Read(p, c)
			var got []string
			for i, pr := range f.Problems {
				got = append(got, pr.Message)
				if i < len(tt.spans) && text(c, pr.Span) != tt.spans[i] {
					t.Errorf("problem %d span = %q, want %q", i, text(c, pr.Span), tt.spans[i])
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
	// What is valid is still read around a syntax error.
	p, c := load(t, "invalid")
	f := Read(p, c)
	if !f.BuildRequires.Has("hpy") {
		t.Errorf("BuildRequires = %+v", f.BuildRequires)
	}
}
