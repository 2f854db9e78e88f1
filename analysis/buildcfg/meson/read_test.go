package meson

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
func TestReadEmbedFixture(t *testing.T) {
	content, err := os.ReadFile("../../../testdata/buildcfg/meson/embed/meson.build")
	if err != nil {
		t.Fatal(err)
	}
	f := Read("meson.build", content)
	if len(f.Extensions) != 2 || len(f.Problems) != 0 {
		t.Fatalf("extensions = %d, problems = %+v", len(f.Extensions), f.Problems)
	}
	e := f.Extensions[0]
	if e.Name.Value != "_quickvec" || e.Kind != buildcfg.NativeTarget || line(content, e.Decl) != 23 ||
		!strings.HasPrefix(slice(content, e.Decl), "py.extension_module(") || !strings.HasSuffix(slice(content, e.Decl), ")") {
		t.Errorf("extension %q decl line %d %q", e.Name.Value, line(content, e.Decl), slice(content, e.Decl))
	}
	embed := e.Libraries[0]
	if embed.Value != "dependency('python3-embed')" || line(content, embed.Span) != 21 ||
		slice(content, embed.Span) != "dependency('python3-embed', required : true)" {
		t.Errorf("embed library = %+v", embed)
	}
	if len(f.ABI) != 1 || f.ABI[0].ABI != buildcfg.ABIUniversal || line(content, f.ABI[0].Span) != 9 ||
		slice(content, f.ABI[0].Span) != "'-DHPY_ABI_UNIVERSAL'" || f.ABI[0].Text != "add_project_arguments(... '-DHPY_ABI_UNIVERSAL')" {
		t.Errorf("file ABI = %+v", f.ABI)
	}
	if e.ABI != nil {
		t.Errorf("project-wide ABI must not pin the target: %+v", e.ABI)
	}
	if values(e.Defines) != "HPY_ABI_UNIVERSAL|HPY|QUICKVEC_FAST" {
		t.Errorf("defines = %s", values(e.Defines))
	}
	if values(e.IncludeDirs) != "vendor/hpy/include|vendor/hpy/include/hpy/forbid_python_h|src" {
		t.Errorf("include dirs = %s", values(e.IncludeDirs))
	}
	helper := f.Extensions[1]
	if helper.ABI == nil || helper.ABI.ABI != buildcfg.ABIHybrid || line(content, helper.ABI.Span) != 36 {
		t.Errorf("helper ABI = %+v", helper.ABI)
	}
}

func TestReadTargets(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, f *buildcfg.File)
	}{
		{"library kinds", "library('a', 'a.c')\nshared_library('b', ['b.c'])\nstatic_library('c', 'c.c')\nexecutable('d', 'd.c')", func(t *testing.T, f *buildcfg.File) {
			if len(f.Extensions) != 2 || f.Extensions[0].Name.Value != "a" || f.Extensions[1].Name.Value != "b" {
				t.Errorf("extensions = %+v", f.Extensions)
			}
		}},
		{"unknown c_args", "shared_module('m', 'm.c', c_args : ['-DHPY_ABI_' + get_option('abi')])", func(t *testing.T, f *buildcfg.File) {
			if len(f.Unresolved) != 1 || !strings.Contains(f.Unresolved[0].What, "get_option('abi')") {
				t.Errorf("unresolved = %+v", f.Unresolved)
			}
		}},
		{"declared dependency pins the ABI", "hpy = declare_dependency(compile_args : ['-DHPY_ABI_HYBRID'], include_directories : include_directories('inc'), link_args : '-lpython3.11')\nshared_module('m', 'm.c', dependencies : hpy)", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if e.ABI == nil || e.ABI.ABI != buildcfg.ABIHybrid || e.ABI.Text != "declare_dependency(... '-DHPY_ABI_HYBRID')" {
				t.Errorf("abi = %+v", e.ABI)
			}
			if values(e.IncludeDirs) != "inc" || values(e.Libraries) != "python3.11" {
				t.Errorf("includes = %s libs = %s", values(e.IncludeDirs), values(e.Libraries))
			}
		}},
		{"non-c project arguments ignored", "add_project_arguments('-DHPY_ABI_UNIVERSAL', language : 'cython')\nadd_global_arguments('-Iglobal', '-DX', language : ['c', 'cpp'])\nshared_module('m', 'm.c')", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if len(f.ABI) != 0 || values(e.Defines) != "X" || values(e.IncludeDirs) != "global" || values(f.IncludeDirs) != "global" {
				t.Errorf("abi = %+v defines = %s includes = %s", f.ABI, values(e.Defines), values(e.IncludeDirs))
			}
		}},
		{"paths", "src = join_paths(meson.current_source_dir(), 'src')\nshared_module('m', src / 'a.c', files(src / 'b.c'), join_paths('x', '/abs/c.c'), sources : 'd.c')", func(t *testing.T, f *buildcfg.File) {
			if got := values(f.Extensions[0].Sources); got != "src/a.c|src/b.c|/abs/c.c|d.c" {
				t.Errorf("sources = %s", got)
			}
		}},
		{"f-string and index", "name = 'fast'\nlist = ['x.c', 'y.c']\nshared_module(f'_@name@', list[1], f'@nope@.c')", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if e.Name.Value != "_fast" || values(e.Sources) != "y.c" || len(f.Unresolved) != 1 {
				t.Errorf("name = %q sources = %s unresolved = %+v", e.Name.Value, values(e.Sources), f.Unresolved)
			}
		}},
		{"foreach variable name", "foreach n : ['a', 'b']\n  shared_module(n, n + '.c')\nendforeach", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if e.Name.Value != "n" || len(f.Unresolved) != 2 {
				t.Errorf("name = %q unresolved = %+v", e.Name.Value, f.Unresolved)
			}
		}},
		{"name prefix", "shared_module('m', 'm.c', name_prefix : 'py')", func(t *testing.T, f *buildcfg.File) {
			if f.Extensions[0].Name.Value != "pym" {
				t.Errorf("name = %q", f.Extensions[0].Name.Value)
			}
		}},
		{"project link arguments", "add_project_link_arguments('-lpython3.11', '-L/x', language : 'c')\nshared_module('m', 'm.c')", func(t *testing.T, f *buildcfg.File) {
			if values(f.Libraries) != "python3.11" || values(f.Extensions[0].Libraries) != "python3.11" {
				t.Errorf("libs = %s", values(f.Libraries))
			}
		}},
		{"py dependency without embed", "py = import('python').find_installation()\nshared_module('m', 'm.c', dependencies : [py.dependency(), dependency('hpy', version : '>=0.9')])", func(t *testing.T, f *buildcfg.File) {
			if got := values(f.Extensions[0].Libraries); got != "py.dependency()|dependency('hpy')" {
				t.Errorf("libs = %s", got)
			}
		}},
		{"all branches run", "if x\n  a = 'one.c'\nelse\n  a = 'two.c'\nendif\nshared_module('m', a)", func(t *testing.T, f *buildcfg.File) {
			if got := values(f.Extensions[0].Sources); got != "two.c" {
				t.Errorf("sources = %s", got)
			}
		}},
		{"nested target in other call", "alias_target('all', py.extension_module('m', 'm.c', c_args : ['-D', 'HPY_ABI_UNIVERSAL']))", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if e.ABI == nil || e.ABI.ABI != buildcfg.ABIUniversal {
				t.Errorf("abi = %+v", e.ABI)
			}
		}},
		{"include dirs from c_args", "shared_module('m', 'm.c', c_args : ['-Iinc', '-isystem', 'sys'], include_directories : ['./x'])", func(t *testing.T, f *buildcfg.File) {
			if got := values(f.Extensions[0].IncludeDirs); got != "inc|sys|x" {
				t.Errorf("includes = %s", got)
			}
		}},
		{"plus-assign unknown", "x += ['a.c']\nshared_module('m', x)", func(t *testing.T, f *buildcfg.File) {
			if len(f.Unresolved) != 1 {
				t.Errorf("unresolved = %+v", f.Unresolved)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte(tt.src)
			f := Read("meson.build", content)
			if len(f.Problems) > 0 {
				t.Fatalf("problems = %+v", f.Problems)
			}
			for _, e := range f.Extensions {
				for _, vs := range [][]buildcfg.StringValue{{e.Name}, e.Sources, e.Defines, e.IncludeDirs, e.Libraries} {
					for _, v := range vs {
						if v.Span.Start < 0 || v.Span.End > len(content) || v.Span.Start >= v.Span.End {
							t.Errorf("bad span %v for %q", v.Span, v.Value)
						}
					}
				}
			}
			tt.check(t, f)
		})
	}
}

// Values that double on every line must be cut off, not exhaust memory.
func TestReadDoublingValues(t *testing.T) {
	src := "x = ['a.c']\ns = 'ab'\n" + strings.Repeat("x = [x, x]\nx += x\ns = s + s\ns = s / s\n", 64) +
		"shared_module('m', x, c_args : s)\nshared_module('n', files(x), sources : join_paths(s, s))"
	f := Read("meson.build", []byte(src))
	if len(f.Extensions) != 2 || len(f.Unresolved) == 0 {
		t.Errorf("extensions = %d unresolved = %+v", len(f.Extensions), f.Unresolved)
	}
}
