package binary

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// The artifacts the tests (and the fuzz target's seeds) read: built here
// with the real compilers and linkers, never copied from anywhere.

const (
	mingw       = "x86_64-w64-mingw32-gcc"
	testMarker  = "hpylint-cpython-entrypoint:version=9 module=m"
	machoSource = `
extern void *PyLong_FromLong(long);
static const char marker[] = "` + testMarker + `";
__attribute__((visibility("hidden"))) int hidden_one(void) { return 1; }
void *HPyInit_m(void) { (void)*(volatile const char *)marker; return PyLong_FromLong(hidden_one()); }
`
)

// run runs tool with args in dir; ok is false when the tool is missing
// (and HPYLINT_REQUIRE_TOOLS does not name it).
func run(tb testing.TB, dir, tool string, args ...string) bool {
	tb.Helper()
	path := testenv.OptionalTool(tb, tool)
	if path == "" {
		return false
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return true
}

func write(tb testing.TB, path, text string) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// peLibraries builds a stand-in python3.dll (with its import library) and
// m.dll, which imports PyLong_FromLong from it and exports HPyInit_m. It
// returns m.dll's path, or "" without MinGW.
func peLibraries(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	write(tb, filepath.Join(dir, "py.c"), "__declspec(dllexport) void *PyLong_FromLong(long v) { return v ? (void *)0 : (void *)0; }\n")
	write(tb, filepath.Join(dir, "m.c"), `
__declspec(dllimport) void *PyLong_FromLong(long);
static const char marker[] = "`+testMarker+`";
int helper(void) { return 1; }
__declspec(dllexport) void *HPyInit_m(void) { (void)*(volatile const char *)marker; return PyLong_FromLong(helper()); }
__declspec(dllexport) int get_required_hpy_major_version_m(void) { return 0; }
`)
	if !run(tb, dir, mingw, "-shared", "-o", "python3.dll", "py.c", "-Wl,--out-implib,libpython3.dll.a") {
		return ""
	}
	run(tb, dir, mingw, "-shared", "-O2", "-o", "m.dll", "m.c", "-L.", "-lpython3")
	return filepath.Join(dir, "m.dll")
}

// machoObject compiles machoSource for target (x86_64-apple-macos11,
// arm64-apple-macos11); "" without clang.
func machoObject(tb testing.TB, target string) string {
	tb.Helper()
	dir := tb.TempDir()
	write(tb, filepath.Join(dir, "m.c"), machoSource)
	if !run(tb, dir, "clang", "-target", target, "-O2", "-c", "m.c", "-o", "m.o") {
		return ""
	}
	return filepath.Join(dir, "m.o")
}

// machoDylib links machoSource for target into m.dylib with ld64.lld and
// no SDK: a stand-in libpython3.11.dylib it needs, a weakly loaded libw
// and everything else left to dynamic_lookup. "" without clang and lld.
func machoDylib(tb testing.TB, target string) string {
	tb.Helper()
	if testenv.OptionalTool(tb, "clang") == "" || testenv.OptionalTool(tb, "ld64.lld") == "" {
		return ""
	}
	dir := tb.TempDir()
	write(tb, filepath.Join(dir, "m.c"), machoSource)
	write(tb, filepath.Join(dir, "py.c"), "void *PyLong_FromLong(long v) { return v ? (void *)0 : (void *)0; }\n")
	write(tb, filepath.Join(dir, "w.c"), "int weak_one(void) { return 1; }\n")
	link := []string{"-target", target, "-fuse-ld=lld", "-nostdlib", "-dynamiclib"}
	run(tb, dir, "clang", append(link, "py.c", "-o", "libpython3.11.dylib", "-install_name", "@rpath/libpython3.11.dylib")...)
	run(tb, dir, "clang", append(link, "w.c", "-o", "libw.dylib", "-install_name", "/usr/lib/libw.dylib")...)
	run(tb, dir, "clang", append(link, "-O2", "-undefined", "dynamic_lookup", "m.c", "libpython3.11.dylib",
		"-Wl,-weak_library,libw.dylib", "-o", "m.dylib")...)
	return filepath.Join(dir, "m.dylib")
}

// fat writes a universal file over the thin images, each slice aligned to
// 4 KiB as lipo does, with the CPU read from each slice's own header.
func fat(tb testing.TB, thin ...[]byte) []byte {
	tb.Helper()
	const align = 12
	out := make([]byte, 8+20*len(thin))
	binary.BigEndian.PutUint32(out, fatMagic)
	binary.BigEndian.PutUint32(out[4:], uint32(len(thin)))
	for i, t := range thin {
		for len(out)%(1<<align) != 0 {
			out = append(out, 0)
		}
		e := out[8+20*i:]
		binary.BigEndian.PutUint32(e[0:], binary.LittleEndian.Uint32(t[4:])) // cputype
		binary.BigEndian.PutUint32(e[4:], binary.LittleEndian.Uint32(t[8:])) // cpusubtype
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))                  // offset
		binary.BigEndian.PutUint32(e[12:], uint32(len(t)))                   // size
		binary.BigEndian.PutUint32(e[16:], align)                            // align
		out = append(out, t...)
	}
	return out
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
