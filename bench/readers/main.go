// Command readers measures how hpylint's time and memory grow with the size
// of one input, for every reader: pyproject.toml, setup.cfg, setup.py,
// Makefile, CMakeLists.txt, meson.build and C sources, both plausible and
// printable garbage. Each input is generated at several sizes and linted by
// the hpylint binary in a process of its own; the same bytes parsed by
// tree-sitter alone (in a process of this program's own) are the baseline
// where the reader uses tree-sitter.
//
//	go build -o /tmp/hpylint ./cmd/hpylint
//	go run ./bench/readers -hpylint /tmp/hpylint [-sizes 1,2,4,8] [-only toml,c-garbage]
//
// Per row: wall time and peak RSS of the lint, the same for the bare
// parse, and the RSS growth per input byte over hpylint on an empty
// directory. A reader is linear when its seconds per MiB stay flat down a
// kind's rows.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	tsmake "github.com/tree-sitter-grammars/tree-sitter-make/bindings/go"
	tstoml "github.com/tree-sitter-grammars/tree-sitter-toml/bindings/go"
	sitter "github.com/tree-sitter/go-tree-sitter"
	tsc "github.com/tree-sitter/tree-sitter-c/bindings/go"
	tspy "github.com/tree-sitter/tree-sitter-python/bindings/go"

	_ "github.com/hpyproject/hpylint/analysis/tsalloc" // the allocator hpylint uses
)

// kind is one generated input: the file name it gets, how hpylint reaches
// it (the project directory or the file itself), the grammar of its bare
// parse ("" when the reader is our own parser), and what the lint must
// print: the inputs end with a line that has a finding, so a reader that
// stopped early shows.
type kind struct {
	name, file string
	lintFile   bool
	grammar    string
	fill       func(sb *strings.Builder, size int)
	expect     string
}

var kinds = []kind{
	{"toml", "pyproject.toml", false, "toml", func(sb *strings.Builder, size int) {
		sb.WriteString("[build-system]\nrequires = [\"setuptools\", \"hpy\"]\n\n[tool.x]\n")
		for i := 0; sb.Len() < size; i++ {
			fmt.Fprintf(sb, "k%d = %d\n", i, i)
		}
		sb.WriteString("[tool.y]\nunclosed = [\n")
	}, "HPY003"},
	{"setup.cfg", "setup.cfg", false, "", func(sb *strings.Builder, size int) {
		sb.WriteString("[metadata]\nname = big\n\n[options]\n")
		for i := 0; sb.Len() < size; i++ {
			fmt.Fprintf(sb, "k%d = value %d\n", i, i)
		}
		sb.WriteString("no delimiter on the last line\n")
	}, "HPY003"},
	{"setup.py", "setup.py", false, "python", func(sb *strings.Builder, size int) {
		sb.WriteString("from setuptools import setup, Extension\n")
		for i := 0; sb.Len() < size; i++ {
			fmt.Fprintf(sb, "v%d = ['src/m%d.c', %d]\n", i, i, i)
		}
		sb.WriteString("setup(name='big', hpy_ext_modules=[Extension('big', sources=['src/big.c'])])\n")
	}, "HPY403"},
	// One name assigned in a branch per line: its value is that branch's
	// or the one before, each of which is another branch's.
	{"setup.py-branches", "setup.py", false, "python", func(sb *strings.Builder, size int) {
		sb.WriteString("import os\nfrom setuptools import setup, Extension\nSRCS = []\n")
		for i := 0; sb.Len() < size; i++ {
			fmt.Fprintf(sb, "if os.environ.get('WITH_%d'):\n    SRCS = ['src/m%d.c']\n", i, i)
		}
		sb.WriteString("setup(name='big', hpy_ext_modules=[Extension('big', sources=SRCS)])\n")
	}, "HPY405"},
	{"Makefile", "Makefile", false, "make", func(sb *strings.Builder, size int) {
		for i := 0; sb.Len() < size; i++ {
			fmt.Fprintf(sb, "V%d = -I include/%d\n", i, i)
		}
		sb.WriteString("CFLAGS = -O2 -fPIC -DHPY_ABI_UNIVERSAL -I/opt/hpy/include\nLDLIBS = -lpython3.11\n" +
			"all: big.hpy0.so\nbig.hpy0.so: big.c\n\t$(CC) $(CFLAGS) -shared -o $@ $< $(LDLIBS)\n")
	}, "HPY204"},
	{"cmake", "CMakeLists.txt", false, "", func(sb *strings.Builder, size int) {
		sb.WriteString("cmake_minimum_required(VERSION 3.18)\nproject(big C)\n")
		for i := 0; sb.Len() < size; i++ {
			fmt.Fprintf(sb, "set(V%d \"value %d\")\n", i, i)
		}
		sb.WriteString("add_library(big MODULE big.c)\nset_target_properties(big PROPERTIES PREFIX \"\" SUFFIX \".hpy0.so\")\n" +
			"target_compile_definitions(big PRIVATE HPY_ABI_UNIVERSAL)\ntarget_link_libraries(big PRIVATE Python3::Python)\n")
	}, "HPY204"},
	{"meson", "meson.build", false, "", func(sb *strings.Builder, size int) {
		sb.WriteString("project('big', 'c')\npy = import('python').find_installation()\n")
		for i := 0; sb.Len() < size; i++ {
			fmt.Fprintf(sb, "v%d = 'value %d'\n", i, i)
		}
		sb.WriteString("py.extension_module('big', files('big.c'), c_args: ['-DHPY_ABI_UNIVERSAL'],\n" +
			"  dependencies: [dependency('python3-embed')])\n")
	}, "HPY204"},
	{"c", "big.c", true, "c", func(sb *strings.Builder, size int) {
		sb.WriteString("#include \"hpy.h\"\n\n")
		for i := 0; sb.Len() < size; i++ {
			fmt.Fprintf(sb, "HPyDef_METH(f%d, \"f%d\", HPyFunc_O)\nstatic HPy f%d_impl(HPyContext *ctx, HPy self, HPy arg)\n{\n    long v = HPyLong_AsLong(ctx, arg);\n    return HPyLong_FromLong(ctx, v + %d);\n}\n\n", i, i, i, i)
		}
		sb.WriteString("static HPyModuleDef moduledef = { .doc = \"big\" };\nHPy_MODINIT(big, moduledef)\n" +
			"static void last(PyObject *o) { Py_INCREF(o); }\n")
	}, "HPY201"},
	// Printable garbage has no line a finding could be trusted on; the
	// summary must still say the file was analysed.
	{"c-garbage", "garbage.c", true, "c", func(sb *strings.Builder, size int) {
		sb.WriteString("#include \"hpy.h\"\n")
		x := uint64(88172645463325252) // xorshift: the same bytes every run
		for sb.Len() < size {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			c := byte(' ' + x%95)
			if x%61 == 0 {
				c = '\n'
			}
			sb.WriteByte(c)
		}
	}, "1 file analysed"},
}

func main() {
	if len(os.Args) == 4 && os.Args[1] == "-bare" {
		bareParse(os.Args[2], os.Args[3])
		return
	}
	hpylint := flag.String("hpylint", "", "the hpylint binary to measure (required)")
	sizes := flag.String("sizes", "1,2,4,8", "input sizes in MiB")
	only := flag.String("only", "", "comma-separated kinds (default: all)")
	flag.Parse()
	if *hpylint == "" {
		fmt.Fprintln(os.Stderr, "readers: -hpylint is required (go build -o /tmp/hpylint ./cmd/hpylint)")
		os.Exit(2)
	}
	var mibs []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "readers: bad size %q\n", s)
			os.Exit(2)
		}
		mibs = append(mibs, n)
	}
	self, err := os.Executable()
	check(err)
	tmp, err := os.MkdirTemp("", "hpylint-readers-")
	check(err)
	defer os.RemoveAll(tmp)

	empty := filepath.Join(tmp, "empty")
	check(os.Mkdir(empty, 0o755))
	_, floor, _ := run(*hpylint, "--exit-zero", empty)
	fmt.Printf("hpylint on an empty directory: peak RSS %.1f MB (the floor growth is measured from)\n\n", mb(floor))
	fmt.Printf("%-10s %5s | %8s %9s %9s %10s | %8s %9s | %6s\n",
		"input", "MiB", "lint s", "s/MiB", "RSS MB", "B/in-byte", "bare s", "RSS MB", "ratio")
	for _, k := range kinds {
		if *only != "" && !contains(strings.Split(*only, ","), k.name) {
			continue
		}
		for _, n := range mibs {
			dir := filepath.Join(tmp, fmt.Sprintf("%s-%d", k.name, n))
			check(os.Mkdir(dir, 0o755))
			var sb strings.Builder
			// Just under n MiB with the tail: 8 MiB is hpylint's cap.
			k.fill(&sb, n<<20-4096)
			path := filepath.Join(dir, k.file)
			check(os.WriteFile(path, []byte(sb.String()), 0o644))
			target := dir
			if k.lintFile {
				target = path
			} else {
				// The build files name it: an extension with an HPy source
				// is what makes their findings apply.
				check(os.WriteFile(filepath.Join(dir, "big.c"), []byte("#include \"hpy.h\"\n"), 0o644))
			}
			lintT, lintRSS, out := run(*hpylint, "--exit-zero", target)
			if !strings.Contains(out, k.expect) {
				fmt.Fprintf(os.Stderr, "readers: %s: the lint did not print %q, so it did not read the whole input:\n%s\n", k.name, k.expect, out)
				os.Exit(1)
			}
			growth := float64(lintRSS-floor) / float64(sb.Len())
			bare, ratio, bareRSS := "-", "-", "-"
			if k.grammar != "" {
				t, rss, _ := run(self, "-bare", k.grammar, path)
				bare, bareRSS = fmt.Sprintf("%.2f", t.Seconds()), fmt.Sprintf("%.0f", mb(rss))
				ratio = fmt.Sprintf("%.2f", lintT.Seconds()/t.Seconds())
			}
			fmt.Printf("%-10s %5d | %8.2f %9.2f %9.0f %10.1f | %8s %9s | %6s\n",
				k.name, n, lintT.Seconds(), lintT.Seconds()/float64(n), mb(lintRSS), growth, bare, bareRSS, ratio)
			check(os.RemoveAll(dir))
		}
	}
}

// run starts a command and returns its wall time, peak RSS in bytes and
// standard output.
func run(name string, args ...string) (time.Duration, int64, string) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	var out strings.Builder
	cmd.Stdout = &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "readers: %s %s: %v\n", name, strings.Join(args, " "), err)
		os.Exit(1)
	}
	elapsed := time.Since(start)
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if ru == nil {
		return elapsed, 0, out.String()
	}
	return elapsed, ru.Maxrss << 10, out.String() // Linux reports KiB
}

// bareParse is the baseline: read the file, parse it once, exit.
func bareParse(grammar, path string) {
	src, err := os.ReadFile(path)
	check(err)
	langs := map[string]func() *sitter.Language{
		"toml":   func() *sitter.Language { return sitter.NewLanguage(tstoml.Language()) },
		"python": func() *sitter.Language { return sitter.NewLanguage(tspy.Language()) },
		"make":   func() *sitter.Language { return sitter.NewLanguage(tsmake.Language()) },
		"c":      func() *sitter.Language { return sitter.NewLanguage(tsc.Language()) },
	}
	lang, ok := langs[grammar]
	if !ok {
		check(fmt.Errorf("no grammar %q", grammar))
	}
	p := sitter.NewParser()
	defer p.Close()
	check(p.SetLanguage(lang()))
	p.Parse(src, nil).Close()
}

func mb(b int64) float64 { return float64(b) / 1e6 }

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "readers:", err)
		os.Exit(1)
	}
}
