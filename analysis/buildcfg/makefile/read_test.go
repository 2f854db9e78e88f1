package makefile

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
	content, err := os.ReadFile("../../../testdata/buildcfg/makefile/universal/Makefile")
	if err != nil {
		t.Fatal(err)
	}
	f := Read("Makefile", content)
	if len(f.Extensions) != 1 || len(f.Problems) != 0 {
		t.Fatalf("extensions = %d problems = %+v", len(f.Extensions), f.Problems)
	}
	e := f.Extensions[0]
	if e.Name.Value != "_accel" || e.Kind != buildcfg.NativeTarget || line(content, e.Decl) != 18 ||
		slice(content, e.Decl) != "_accel.hpy0.so: $(OBJS)" {
		t.Errorf("extension %q decl %q", e.Name.Value, slice(content, e.Decl))
	}
	if got := values(e.Sources); got != "src/accel.c|src/buffer.c|vendor/hpy/devel/src/runtime/ctx_module.c" {
		t.Errorf("sources = %s", got)
	}
	abi := f.ABI[0]
	if abi.ABI != buildcfg.ABIUniversal || line(content, abi.Span) != 7 || slice(content, abi.Span) != "-DHPY_ABI_UNIVERSAL" ||
		abi.Text != "CFLAGS = ... -DHPY_ABI_UNIVERSAL" {
		t.Errorf("file ABI = %+v", abi)
	}
	if len(f.IncludeDirs) != 2 || line(content, f.IncludeDirs[1].Span) != 8 || slice(content, f.IncludeDirs[1].Span) != "-Iinclude" {
		t.Errorf("include dirs = %+v", f.IncludeDirs)
	}
	if len(f.Libraries) == 0 || f.Libraries[0].Value != "python3.11" || line(content, f.Libraries[0].Span) != 11 ||
		slice(content, f.Libraries[0].Span) != "-lpython3.11" {
		t.Errorf("libraries = %+v", f.Libraries)
	}
	if values(e.Defines) != "HPY_ABI_UNIVERSAL|ACCEL_VERSION" || e.ABI != nil {
		t.Errorf("defines = %s abi = %+v", values(e.Defines), e.ABI)
	}
	setup := f.ABI[1]
	if setup.ABI != buildcfg.ABIUniversal || line(content, setup.Span) != 25 || slice(content, setup.Span) != "--hpy-abi=universal" {
		t.Errorf("setup.py ABI = %+v", setup)
	}
}

func TestReadCommandABI(t *testing.T) {
	tests := []struct {
		name, recipe string
		want         string // abi[?]@text>target, |-joined; ? marks Varies
		unresolved   int
	}{
		{"setup.py two words", "python3 setup.py --hpy-abi universal build_ext", "universal@universal>proj", 0},
		{"setup.py through variable", "$(PYTHON) ./setup.py --hpy-abi=$(ABI) build_ext --inplace", "hybrid@--hpy-abi=$(ABI)>proj", 0},
		{"setup.py unknown value", "python setup.py --hpy-abi=$(NOPE) build", "universal?@--hpy-abi=$(NOPE)>proj", 1},
		{"setup.py invalid value", "python setup.py --hpy-abi=fast build", "", 0},
		{"not setup.py", "./configure --hpy-abi=universal", "", 0},
		{"pip -C attached", "@$(PYTHON) -m pip install -Chpy-abi=universal .", "universal@-Chpy-abi=universal>proj", 0},
		{"python -m build", "python3 -m build --config-setting=hpy_abi=hybrid", "hybrid@--config-setting=hpy_abi=hybrid>proj", 0},
		{"pip config settings word", "pip3.11 wheel . --config-settings hpy-abi=cpython", "cpython@hpy-abi=cpython>proj", 0},
		{"pip global option", "pip install --global-option=--hpy-abi=universal .", "universal@--global-option=--hpy-abi=universal>proj", 0},
		{"pip build option setting", "pip install . -C--build-option=\"--hpy-abi=hybrid --quiet\"", "hybrid@-C--build-option=\"--hpy-abi=hybrid --quiet\">proj", 0},
		{"make -C is not pip", "$(MAKE) -C hpy-abi=universal", "", 0},
		{"env prefix", "CC=clang pip install -C hpy-abi=universal .", "universal@hpy-abi=universal>proj", 0},
		{"second command of a line", "cd build && python ../setup.py --hpy-abi=cpython build_ext; echo ok", "cpython@--hpy-abi=cpython>proj", 0},
		{"shell comment", "echo # python setup.py --hpy-abi=universal", "", 0},
		{"literal define in a phony recipe", "gcc -DHPY_ABI_UNIVERSAL -shared -o m.so m.c", "universal@-DHPY_ABI_UNIVERSAL>", 0},
		{"cd into an example", "cd docs/ex && $(PYTHON) setup.py --hpy-abi=universal install", "universal@--hpy-abi=universal>proj/docs/ex", 0},
		{"setup.py of a subdirectory", "python3 docs/ex/setup.py --hpy-abi=hybrid build", "hybrid@--hpy-abi=hybrid>proj/docs/ex", 0},
		{"pip on a subdirectory", "pip install ./bench -C hpy-abi=universal", "universal@hpy-abi=universal>proj/bench", 0},
		{"cd through a variable", "cd $(EXAMPLE) && python setup.py --hpy-abi=universal install", "", 0},
		{"pip on two projects", "pip install ./a ./b -C hpy-abi=universal", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "ABI = hybrid\nbuild:\n\t" + tt.recipe + "\n"
			content := []byte(src)
			f := Read("proj/Makefile", content)
			var got []string
			for _, a := range f.ABI {
				varies := ""
				if a.Varies {
					varies = "?"
				}
				got = append(got, string(a.ABI)+varies+"@"+slice(content, a.Span)+">"+a.Target)
				if a.Text != slice(content, a.Span) {
					t.Errorf("text %q", a.Text)
				}
			}
			if strings.Join(got, "|") != tt.want {
				t.Errorf("abi = %s, want %s", strings.Join(got, "|"), tt.want)
			}
			if len(f.Unresolved) != tt.unresolved {
				t.Errorf("unresolved = %+v", f.Unresolved)
			}
		})
	}
}

func TestReadRules(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, f *buildcfg.File)
	}{
		{"implicit link without pattern rule", "CFLAGS = -DHPY_ABI_UNIVERSAL -Iinc\nLDLIBS = -lpython3.11\nm.so: m.o\n", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if values(e.Sources) != "m.c" || values(e.Defines) != "HPY_ABI_UNIVERSAL" || values(e.Libraries) != "python3.11" || values(e.IncludeDirs) != "inc" {
				t.Errorf("ext = %+v", e)
			}
		}},
		{"so target without C sources", "m.so: setup.py\n\tpython setup.py build_ext\n", func(t *testing.T, f *buildcfg.File) {
			if len(f.Extensions) != 0 {
				t.Errorf("extensions = %+v", f.Extensions)
			}
		}},
		{"uninstantiated pattern rule", "%.hpy0.so: %.c\n\t$(CC) -DHPY_ABI_UNIVERSAL -shared -o $@ $<\n", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if e.Name.Value != "%" || values(e.Sources) != "%.c" || e.ABI == nil {
				t.Errorf("ext = %+v", e)
			}
		}},
		{"extension suffix from the shell", "SUFFIX := $(shell python3-config --extension-suffix)\nbuild/mod$(SUFFIX): mod.cpp\n\t$(CXX) -shared -o $@ $<\n", func(t *testing.T, f *buildcfg.File) {
			if len(f.Extensions) != 1 || f.Extensions[0].Name.Value != "mod" || values(f.Extensions[0].Sources) != "mod.cpp" {
				t.Errorf("extensions = %+v", f.Extensions)
			}
		}},
		{"target-specific pattern variable", "%.so: CFLAGS += -DHPY_ABI_HYBRID\nm.so: m.c\n\t$(CC) $(CFLAGS) -o $@ $<\n", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if e.ABI == nil || e.ABI.ABI != buildcfg.ABIHybrid || e.ABI.Text != "%.so: CFLAGS += ... -DHPY_ABI_HYBRID" || len(f.ABI) != 0 {
				t.Errorf("abi = %+v file abi = %+v", e.ABI, f.ABI)
			}
		}},
		{"curdir paths", "m.so: $(CURDIR)/src/m.c\n\tgcc -I$(CURDIR)/inc -I $(CURDIR) -o $@ $<\n", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if values(e.Sources) != "src/m.c" || values(e.IncludeDirs) != "inc|." {
				t.Errorf("sources = %s includes = %s", values(e.Sources), values(e.IncludeDirs))
			}
		}},
		{"windows line ends", "CFLAGS = -DHPY_ABI_UNIVERSAL\r\nm.so: m.c\r\n\tgcc $(CFLAGS) -o $@ $<\r\n", func(t *testing.T, f *buildcfg.File) {
			if len(f.Extensions) != 1 || len(f.ABI) != 1 || values(f.Extensions[0].Sources) != "m.c" {
				t.Errorf("file = %+v", f)
			}
		}},
		{"two-word flags", "m.so: m.c\n\tgcc -D HPY_ABI_CPYTHON -isystem sys -l python3.12 -o $@ $<\n", func(t *testing.T, f *buildcfg.File) {
			e := f.Extensions[0]
			if values(e.Defines) != "HPY_ABI_CPYTHON" || values(e.IncludeDirs) != "sys" || values(e.Libraries) != "python3.12" || e.ABI == nil {
				t.Errorf("ext = %+v", e)
			}
		}},
		{"variable referenced twice counts once", "F = -DHPY_ABI_UNIVERSAL\nCFLAGS = $(F) $(F)\nm.so: m.c\n\tgcc $(CFLAGS) $(F) -o $@ $<\n", func(t *testing.T, f *buildcfg.File) {
			if len(f.ABI) != 1 || values(f.Extensions[0].Defines) != "HPY_ABI_UNIVERSAL" {
				t.Errorf("abi = %+v defines = %s", f.ABI, values(f.Extensions[0].Defines))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte(tt.src)
			f := Read("Makefile", content)
			if len(f.Problems) > 0 {
				t.Fatalf("problems = %+v", f.Problems)
			}
			if len(f.Extensions) > 0 {
				for _, e := range f.Extensions {
					for _, vs := range [][]buildcfg.StringValue{{e.Name}, e.Sources, e.Defines, e.IncludeDirs, e.Libraries} {
						for _, v := range vs {
							if v.Span.Start < 0 || v.Span.End > len(content) || v.Span.Start >= v.Span.End {
								t.Errorf("bad span %v for %q", v.Span, v.Value)
							}
						}
					}
				}
			}
			tt.check(t, f)
		})
	}
}
