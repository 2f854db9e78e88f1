package binary

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// buildELF compiles src into a shared library with gcc.
func buildELF(t *testing.T, src string, flags ...string) string {
	t.Helper()
	gcc := testenv.Tool(t, "gcc")
	dir := t.TempDir()
	c := filepath.Join(dir, "m.c")
	if err := os.WriteFile(c, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	so := filepath.Join(dir, "m.so")
	args := append([]string{"-shared", "-fPIC", "-o", so, c}, flags...)
	if out, err := exec.Command(gcc, args...).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	return so
}

func readFile(t *testing.T, path string) (*Image, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	return Read(f, st.Size())
}

func TestELFSymbolsLibrariesAndMarkers(t *testing.T) {
	so := buildELF(t, `
extern void *PyLong_FromLong(long);
static const char marker[] __attribute__((used)) = "hpylint-cpython-entrypoint:version=9 module=m";
__attribute__((visibility("hidden"))) int hidden_one(void) { return 1; }
void *HPyInit_m(void) { return PyLong_FromLong(hidden_one()); }
`, "-Wl,--no-as-needed", "-lm")
	img, err := readFile(t, so)
	if err != nil {
		t.Fatal(err)
	}
	if img.Format != ELF || len(img.Arches) != 1 {
		t.Errorf("format %s arches %v", img.Format, img.Arches)
	}
	if !slices.Contains(img.Undefined, "PyLong_FromLong") {
		t.Errorf("undefined %v lacks PyLong_FromLong", img.Undefined)
	}
	if !slices.Contains(img.Exported, "HPyInit_m") || slices.Contains(img.Exported, "hidden_one") {
		t.Errorf("exported %v: want HPyInit_m, not the hidden function", img.Exported)
	}
	if !slices.ContainsFunc(img.Needed, func(n string) bool { return strings.HasPrefix(n, "libm.so") }) {
		t.Errorf("needed %v lacks libm", img.Needed)
	}
	if want := []string{"hpylint-cpython-entrypoint:version=9 module=m"}; !slices.Equal(img.Markers, want) {
		t.Errorf("markers %q, want %q", img.Markers, want)
	}
}

func TestNotABinary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.so")
	os.WriteFile(path, []byte("INPUT(-lfoo)\n"), 0o644)
	if _, err := readFile(t, path); !errors.Is(err, ErrNotBinary) {
		t.Errorf("a linker script named .so: err %v, want ErrNotBinary", err)
	}
}

func TestTruncatedELF(t *testing.T) {
	so := buildELF(t, "int HPyInit_m(void) { return 0; }\n")
	data, err := os.ReadFile(so)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{4, 20, 64, len(data) / 2, len(data) - 1} {
		path := filepath.Join(t.TempDir(), "t.so")
		os.WriteFile(path, data[:n], 0o644)
		img, err := readFile(t, path)
		if err == nil && n < len(data)/2 {
			t.Errorf("%d of %d bytes read without error: %+v", n, len(data), img)
		}
	}
}

// A dynamic symbol table that claims a terabyte is refused by the file's
// size, before it is read.
func TestELFSectionBeyondTheFile(t *testing.T) {
	so := buildELF(t, "int HPyInit_m(void) { return 0; }\n")
	data, err := os.ReadFile(so)
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	shoff := binary.LittleEndian.Uint64(data[0x28:])
	for i, s := range f.Sections {
		if s.Type == elf.SHT_DYNSYM {
			binary.LittleEndian.PutUint64(data[shoff+uint64(i)*64+32:], 1<<40)
		}
	}
	_, err = Read(bytes.NewReader(data), int64(len(data)))
	if err == nil || !strings.Contains(err.Error(), ".dynsym") {
		t.Errorf("err %v, want .dynsym named as damaged", err)
	}
}

func TestTruncatedPEAndMachO(t *testing.T) {
	var files []string
	if dll := peLibraries(t); dll != "" {
		files = append(files, dll)
	}
	if obj := machoObject(t, "x86_64-apple-macos11"); obj != "" {
		files = append(files, obj)
	}
	if len(files) == 0 {
		testenv.Missing(t, mingw) // and clang
	}
	for _, file := range files {
		data := mustRead(t, file)
		for _, n := range []int{4, 20, 64, 200, len(data) / 2} {
			cut := data[:n]
			if img, err := Read(bytes.NewReader(cut), int64(n)); err == nil {
				t.Errorf("%s: %d of %d bytes read without error: %+v", filepath.Base(file), n, len(data), img)
			}
		}
	}
}
