package cmake

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg/internal/goldencfg"
	"os"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

var (
	line   = goldencfg.Line
	slice  = goldencfg.Slice
	values = goldencfg.Values
)

// The realistic fixture's findings, each on the exact line it is written.
func TestReadUniversalFixture(t *testing.T) {
	content, err := os.ReadFile("../../../testdata/buildcfg/cmake/universal/CMakeLists.txt")
	if err != nil {
		t.Fatal(err)
	}
	f := Read("CMakeLists.txt", content)
	if len(f.Extensions) != 1 {
		t.Fatalf("extensions = %d", len(f.Extensions))
	}
	e := f.Extensions[0]
	if e.Kind != buildcfg.NativeTarget || e.Name.Value != "_fastpoint" || slice(content, e.Name.Span) != `"_fastpoint"` {
		t.Errorf("name = %+v", e.Name)
	}
	if l := line(content, e.Decl); l != 23 || !strings.HasPrefix(slice(content, e.Decl), "add_library(${PROJECT_NAME} MODULE") {
		t.Errorf("decl on line %d: %q", l, slice(content, e.Decl))
	}
	if e.ABI == nil || e.ABI.ABI != buildcfg.ABIUniversal || line(content, e.ABI.Span) != 24 ||
		slice(content, e.ABI.Span) != "HPY_ABI_UNIVERSAL" || e.ABI.Text != "target_compile_definitions(... HPY_ABI_UNIVERSAL)" {
		t.Errorf("abi = %+v", e.ABI)
	}
	var python *buildcfg.StringValue
	for i, l := range e.Libraries {
		if l.Value == "Python3::Python" {
			python = &e.Libraries[i]
		}
	}
	if python == nil || line(content, python.Span) != 32 || slice(content, python.Span) != "Python3::Python" {
		t.Errorf("Python3::Python library = %+v", python)
	}
	if got := values(e.Sources); got != "src/fastpoint.c|src/point_type.c|src/helpers.c|vendor/hpy/devel/src/runtime/argparse.c|vendor/hpy/devel/src/runtime/ctx_module.c" {
		t.Errorf("sources = %s", got)
	}
	if got := values(e.IncludeDirs); got != "vendor/hpy/include|include|generated" {
		t.Errorf("include dirs = %s", got)
	}
	if len(f.ABI) != 0 || len(f.Problems) != 0 {
		t.Errorf("file ABI %+v, problems %+v", f.ABI, f.Problems)
	}
}

func extByName(f *buildcfg.File, name string) *buildcfg.Extension {
	for i := range f.Extensions {
		if f.Extensions[i].Name.Value == name {
			return &f.Extensions[i]
		}
	}
	return nil
}

func TestReadTargets(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		ext   string // extension to inspect ("" = expect none)
		check func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension)
	}{
		{"python add library defaults to module", "Python3_add_library(m WITH_SOABI a.c)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if values(e.Sources) != "a.c" {
					t.Errorf("sources = %s", values(e.Sources))
				}
			}},
		{"python add library static is no extension", "python_add_library(m STATIC a.c)", "", nil},
		{"use sabi takes a version", "Python_add_library(m MODULE USE_SABI 3.11 a.c)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if values(e.Sources) != "a.c" {
					t.Errorf("sources = %s", values(e.Sources))
				}
			}},
		{"untyped library is static by default", "add_library(m a.c)", "", nil},
		{"imported library", "add_library(m SHARED IMPORTED)", "", nil},
		{"shared library", "add_library(m SHARED EXCLUDE_FROM_ALL a.c)\ntarget_sources(m PRIVATE ./b.c)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if values(e.Sources) != "a.c|b.c" {
					t.Errorf("sources = %s", values(e.Sources))
				}
			}},
		{"interface items do not apply", "add_library(m MODULE a.c)\ntarget_compile_definitions(m INTERFACE HPY_ABI_UNIVERSAL PRIVATE OWN)\ntarget_link_libraries(m INTERFACE x PUBLIC y)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if values(e.Defines) != "OWN" || e.ABI != nil || values(e.Libraries) != "y" {
					t.Errorf("defines = %s, libs = %s, abi = %+v", values(e.Defines), values(e.Libraries), e.ABI)
				}
			}},
		{"directory defines apply before and after", "add_library(m MODULE a.c)\nadd_compile_definitions(HPY_UNIVERSAL_ABI X=1)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if values(e.Defines) != "HPY_UNIVERSAL_ABI|X" || e.ABI != nil {
					t.Errorf("defines = %s, abi = %+v", values(e.Defines), e.ABI)
				}
				if len(f.ABI) != 1 || f.ABI[0].ABI != buildcfg.ABIUniversal || f.ABI[0].Text != "add_compile_definitions(... HPY_UNIVERSAL_ABI)" {
					t.Errorf("file abi = %+v", f.ABI)
				}
			}},
		{"add definitions takes only -D", "add_definitions(-DA /DB -O2 C)\nadd_library(m MODULE a.c)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if values(e.Defines) != "A|B" {
					t.Errorf("defines = %s", values(e.Defines))
				}
			}},
		{"include directories only reach later targets", "add_library(a MODULE a.c)\ninclude_directories(inc)\ninclude_directories(BEFORE SYSTEM first)\nadd_library(m MODULE m.c)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if values(e.IncludeDirs) != "first|inc" || values(f.IncludeDirs) != "first|inc" {
					t.Errorf("m includes = %s, file = %s", values(e.IncludeDirs), values(f.IncludeDirs))
				}
				if a := extByName(f, "a"); a == nil || len(a.IncludeDirs) != 0 {
					t.Errorf("a = %+v", a)
				}
			}},
		{"output name and empty prefix", "add_library(m MODULE a.c)\nset_target_properties(m PROPERTIES PREFIX \"\" OUTPUT_NAME _m)", "_m", nil},
		{"prefix without output name", "add_library(m MODULE a.c)\nset_target_properties(m PROPERTIES PREFIX py)", "pym", nil},
		{"unknown output name keeps target name", "add_library(m MODULE a.c)\nset_target_properties(m PROPERTIES OUTPUT_NAME ${X})", "m", nil},
		{"set property output name", "add_library(m MODULE a.c)\nset_property(TARGET m PROPERTY LIBRARY_OUTPUT_NAME fast)", "fast", nil},
		{"property on unknown target", "set_target_properties(m PROPERTIES OUTPUT_NAME x)\nadd_library(m MODULE a.c)", "m", nil},
		{"compile options", "add_library(m MODULE a.c)\ntarget_compile_options(m PRIVATE -DHPY_ABI_HYBRID -I inc \"SHELL:-isystem sys\")", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if e.ABI == nil || e.ABI.ABI != buildcfg.ABIHybrid || e.ABI.Text != "target_compile_options(... -DHPY_ABI_HYBRID)" {
					t.Errorf("abi = %+v", e.ABI)
				}
				if values(e.IncludeDirs) != "inc|sys" {
					t.Errorf("includes = %s", values(e.IncludeDirs))
				}
			}},
		{"first target abi wins, all defines kept", "add_library(m MODULE a.c)\ntarget_compile_definitions(m PRIVATE -DHPY_ABI_CPYTHON HPY_ABI_UNIVERSAL)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if e.ABI == nil || e.ABI.ABI != buildcfg.ABICPython || values(e.Defines) != "HPY_ABI_CPYTHON|HPY_ABI_UNIVERSAL" {
					t.Errorf("abi = %+v defines = %s", e.ABI, values(e.Defines))
				}
			}},
		{"bare mode word is not an abi macro", "add_library(m MODULE a.c)\ntarget_compile_definitions(m PRIVATE universal)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if e.ABI != nil {
					t.Errorf("abi = %+v", e.ABI)
				}
			}},
		{"link keywords and -l", "add_library(m MODULE a.c)\ntarget_link_libraries(m optimized -lpython3.12 general ${Python3_LIBRARIES})", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if values(e.Libraries) != "python3.12|${Python3_LIBRARIES}" {
					t.Errorf("libs = %s", values(e.Libraries))
				}
			}},
		{"aux source directory", "aux_source_directory(src S)\nadd_library(m MODULE ${S})", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if len(f.Unresolved) != 1 || values(e.Sources) != "${S}" {
					t.Errorf("unresolved = %+v sources = %s", f.Unresolved, values(e.Sources))
				}
			}},
		{"macro body not run", "macro(mk)\n add_library(inner MODULE x.c)\nendmacro()\nadd_library(m MODULE a.c)\nMK()", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if len(f.Extensions) != 1 || len(f.Unresolved) != 1 {
					t.Errorf("extensions = %d unresolved = %+v", len(f.Extensions), f.Unresolved)
				}
			}},
		{"unterminated function is read anyway", "function(f)\nadd_library(m MODULE a.c)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, "endfunction") {
					t.Errorf("problems = %+v", f.Problems)
				}
			}},
		{"nested function", "function(outer)\nfunction(inner)\nendfunction()\nadd_library(x MODULE x.c)\nendfunction()\nadd_library(m MODULE a.c)", "m",
			func(t *testing.T, f *buildcfg.File, e *buildcfg.Extension) {
				if len(f.Extensions) != 1 {
					t.Errorf("extensions = %d", len(f.Extensions))
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte(tt.src)
			f := Read("CMakeLists.txt", content)
			if tt.ext == "" {
				if len(f.Extensions) != 0 {
					t.Fatalf("extensions = %+v", f.Extensions)
				}
				return
			}
			e := extByName(f, tt.ext)
			if e == nil {
				t.Fatalf("no extension %q in %+v", tt.ext, f.Extensions)
			}
			for _, vs := range [][]buildcfg.StringValue{{e.Name}, e.Sources, e.Defines, e.IncludeDirs, e.Libraries} {
				for _, v := range vs {
					if v.Span.Start < 0 || v.Span.End > len(content) || v.Span.Start >= v.Span.End {
						t.Errorf("bad span %v for %q", v.Span, v.Value)
					}
				}
			}
			if tt.check != nil {
				tt.check(t, f, e)
			}
		})
	}
}

// Values that double on every line must be cut off, not exhaust memory.
func TestReadDoublingValues(t *testing.T) {
	src := "set(A a.c)\nset(S x)\n" + strings.Repeat("set(A ${A} ${A})\nlist(APPEND A ${A})\nset(S \"${S}${S}\")\n", 64) +
		"add_library(m MODULE ${A} \"${S}\" ${A}${A}${A}${A}${A}${A}${A}${A}${A}${A}${A}${A}${A}${A}${A})"
	f := Read("CMakeLists.txt", []byte(src))
	if len(f.Extensions) != 1 {
		t.Errorf("extensions = %d", len(f.Extensions))
	}
}
