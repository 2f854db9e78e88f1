package setupcfg

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

const fixtures = "../../../testdata/buildcfg/setupcfg"

func load(t testing.TB, name string) (string, []byte) {
	t.Helper()
	p := filepath.Join(fixtures, name, "setup.cfg")
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

func TestABI(t *testing.T) {
	tests := []struct {
		fixture       string
		abi           buildcfg.ABI
		span, abiText string
	}{
		{"global-abi", buildcfg.ABIUniversal, "universal", "hpy_abi = universal"},
		{"options-abi", buildcfg.ABIHybrid, "hybrid", "hpy_abi = hybrid"},
		{"build-ext-dashed", buildcfg.ABICPython, "cpython", "HPY-ABI = cpython"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			p, c := load(t, tt.fixture)
			f := Read(p, c)
			if len(f.Problems) > 0 {
				t.Fatalf("problems: %+v", f.Problems)
			}
			if len(f.ABI) != 1 {
				t.Fatalf("ABI = %+v", f.ABI)
			}
			a := f.ABI[0]
			if a.ABI != tt.abi || text(c, a.Span) != tt.span || a.Text != tt.abiText || a.Dynamic {
				t.Errorf("ABI = %+v (span %q)", a, text(c, a.Span))
			}
		})
	}
	p, c := load(t, "no-hpy")
	if f := Read(p, c); len(f.ABI) != 0 || f.SetupRequires != nil {
		t.Errorf("no-hpy: ABI = %+v, SetupRequires = %+v", f.ABI, f.SetupRequires)
	}
}

func TestSetupRequires(t *testing.T) {
	tests := []struct {
		fixture string
		names   []string
		spans   []string
		list    string
		after   string // the value once NAME is inserted as "hpy"
	}{
		{"global-abi", []string{"setuptools", "hpy"}, []string{"setuptools>=64", `hpy>=0.9  ; python_version >= "3.8"`},
			"setuptools>=64\n    hpy>=0.9  ; python_version >= \"3.8\"",
			"setuptools>=64\n    hpy>=0.9  ; python_version >= \"3.8\"\n    hpy"},
		{"options-abi", []string{"hpy"}, []string{"hpy"}, "hpy", "hpy; hpy"},
		{"multi-line", []string{"setuptools", "cython"}, []string{"setuptools", "Cython>=3"},
			"setuptools\n\t# wheel is not needed any more\n\n\tCython>=3",
			"setuptools\n\t# wheel is not needed any more\n\n\tCython>=3\n\thpy"},
		{"single-line", []string{"setuptools", "hpy", "wheel"}, []string{"setuptools", "HPy[dev]>=0.9", "wheel"},
			"setuptools; HPy[dev]>=0.9 ;wheel", "setuptools; HPy[dev]>=0.9 ;wheel; hpy"},
		{"empty-requires", nil, nil, "", "hpy"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			p, c := load(t, tt.fixture)
			f := Read(p, c)
			rl := f.SetupRequires
			if rl == nil {
				t.Fatal("SetupRequires = nil")
			}
			var names, spans []string
			for _, e := range rl.Entries {
				names = append(names, e.Name)
				spans = append(spans, text(c, e.Span))
			}
			if !reflect.DeepEqual(names, tt.names) || !reflect.DeepEqual(spans, tt.spans) {
				t.Errorf("entries = %q %q, want %q %q", names, spans, tt.names, tt.spans)
			}
			if got := text(c, rl.Span); got != tt.list {
				t.Errorf("Span = %q, want %q", got, tt.list)
			}
			edited := string(c[:rl.InsertAt]) + strings.ReplaceAll(rl.InsertText, "NAME", "hpy") + string(c[rl.InsertAt:])
			after := Read(p, []byte(edited))
			if !after.SetupRequires.Has("hpy") || len(after.SetupRequires.Entries) != len(tt.names)+1 {
				t.Fatalf("after insertion: %+v\n%s", after.SetupRequires, edited)
			}
			if got := text([]byte(edited), after.SetupRequires.Span); got != tt.after {
				t.Errorf("after insertion:\n got  %q\n want %q", got, tt.after)
			}
		})
	}
}

func TestProjectNameAndComments(t *testing.T) {
	p, c := load(t, "global-abi")
	f := Read(p, c)
	if f.Path != p {
		t.Errorf("Path = %q", f.Path)
	}
	if f.ProjectName == nil || f.ProjectName.Value != "demo-ext" || text(c, f.ProjectName.Span) != "demo-ext" {
		t.Errorf("ProjectName = %+v", f.ProjectName)
	}
	if len(f.Comments) != 1 || f.Comments[0].Text != "# Force the universal ABI for every build." ||
		text(c, f.Comments[0].Span) != f.Comments[0].Text {
		t.Errorf("Comments = %+v", f.Comments)
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		fixture string
		want    []string
		spans   []string
	}{
		{"bad-abi", []string{
			`[global] hpy_abi = "universal # comments are not stripped by configparser" is not an HPy ABI (want universal, hybrid or cpython)`,
			`[options] hpy_abi = "debug" is not an HPy ABI (want universal, hybrid or cpython)`,
		}, []string{"universal # comments are not stripped by configparser", "debug"}},
		{"invalid", []string{
			`invalid setup.cfg at line 1: "name = outside" is not inside a [section]`,
			`invalid setup.cfg at line 4: expected "key = value", found "this line has no delimiter"`,
			`invalid setup.cfg at line 5: section [metadata] is already defined at line 2`,
		}, []string{"name = outside", "this line has no delimiter", "metadata"}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			p, c := load(t, tt.fixture)
			f := Read(p, c)
			var got, spans []string
			for _, pr := range f.Problems {
				got = append(got, pr.Message)
				spans = append(spans, text(c, pr.Span))
			}
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(spans, tt.spans) {
				t.Errorf("problems:\n got  %q %q\n want %q %q", got, spans, tt.want, tt.spans)
			}
			if len(f.ABI) != 0 {
				t.Errorf("ABI = %+v, want none", f.ABI)
			}
		})
	}
	// The rest of a broken file is still read.
	p, c := load(t, "invalid")
	f := Read(p, c)
	if f.ProjectName == nil || f.ProjectName.Value != "ok" || !f.SetupRequires.Has("hpy") || f.SetupRequires.Has("other") {
		t.Errorf("ProjectName = %+v, SetupRequires = %+v", f.ProjectName, f.SetupRequires)
	}
}

func FuzzRead(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(fixtures, "*", "setup.cfg"))
	for _, p := range paths {
		if c, err := os.ReadFile(p); err == nil {
			f.Add(c)
		}
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		file := Read("setup.cfg", content)
		if rl := file.SetupRequires; rl != nil && (rl.InsertAt < 0 || rl.InsertAt > len(content)) {
			t.Fatalf("InsertAt %d outside %d bytes", rl.InsertAt, len(content))
		}
	})
}
