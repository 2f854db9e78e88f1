package binary

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

var updateFuzzSeeds = flag.Bool("update-fuzz-seeds", false, "rewrite testdata/fuzz/FuzzRead/seed-* from freshly built artifacts")

// FuzzRead: whatever the bytes, Read returns an image or an error, never
// panics, and reads no more than the file holds. Seeded with every format's
// real artifacts: small ones kept under testdata/fuzz/FuzzRead (so the seeds
// run without the compilers), and the tests' full ones when the compilers
// are here.
func FuzzRead(f *testing.F) {
	if !fuzzWorker() {
		for _, data := range seedArtifacts(f, false) {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if img != nil {
				t.Errorf("an image and an error: %v", err)
			}
			return
		}
		if img.Format == "" || len(img.Arches) == 0 {
			t.Errorf("image without format or architecture: %+v", img)
		}
		for _, names := range [][]string{img.Undefined, img.Exported, img.Needed} {
			if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
				t.Errorf("names not sorted and unique: %q", names)
			}
		}
		for _, m := range img.Markers {
			if len(m) > maxMarker {
				t.Errorf("marker of %d bytes", len(m))
			}
		}
	})
}

// fuzzWorker reports whether this process is one of the fuzzing engine's
// workers, which take their inputs from the coordinator and ignore the seed
// corpus: they are restarted often, and building the seeds each time would
// leave them idle for seconds.
func fuzzWorker() bool {
	w := flag.Lookup("test.fuzzworker")
	return w != nil && w.Value.String() == "true"
}

// seedArtifacts builds one artifact of each kind, small when small is set
// (stripped, no C runtime), with the tools that are installed.
func seedArtifacts(tb testing.TB, small bool) map[string][]byte {
	tb.Helper()
	out := map[string][]byte{}
	dir := tb.TempDir()
	write(tb, filepath.Join(dir, "m.c"), machoSource)
	write(tb, filepath.Join(dir, "py.c"), "__declspec(dllexport) void *PyLong_FromLong(long v) { return v ? (void *)0 : (void *)0; }\n")
	write(tb, filepath.Join(dir, "mw.c"), `
__declspec(dllimport) void *PyLong_FromLong(long);
static const char marker[] = "`+testMarker+`";
__declspec(dllexport) void *HPyInit_m(void) { (void)*(volatile const char *)marker; return PyLong_FromLong(1); }
`)
	if run(tb, dir, "gcc", "-shared", "-fPIC", "-nostdlib", "-s", "-O2", "-Wl,-z,noseparate-code", "-Wl,--build-id=none", "-o", "m.so", "m.c") {
		out["elf-so"] = mustRead(tb, filepath.Join(dir, "m.so"))
	}
	if run(tb, dir, mingw, "-shared", "-nostdlib", "-o", "python3.dll", "py.c", "-Wl,--out-implib,libpython3.dll.a", "-Wl,-e,0") &&
		run(tb, dir, mingw, "-shared", "-nostdlib", "-s", "-O2", "-Wl,--no-insert-timestamp", "-Wl,-e,0", "-o", "m.dll", "mw.c", "-L.", "-lpython3") {
		out["pe-dll"] = mustRead(tb, filepath.Join(dir, "m.dll"))
	}
	x86, arm := machoObject(tb, "x86_64-apple-macos11"), machoObject(tb, "arm64-apple-macos11")
	if x86 != "" {
		out["macho-x86_64-o"] = mustRead(tb, x86)
		out["macho-arm64-o"] = mustRead(tb, arm)
		out["macho-fat-o"] = fat(tb, out["macho-x86_64-o"], out["macho-arm64-o"])
	}
	if small {
		return out
	}
	if so := buildELFTB(tb); so != "" {
		out["elf-so-full"] = mustRead(tb, so)
	}
	if dll := peLibraries(tb); dll != "" {
		out["pe-dll-full"] = mustRead(tb, dll)
	}
	if dylib := machoDylib(tb, "x86_64-apple-macos11"); dylib != "" {
		out["macho-dylib"] = mustRead(tb, dylib)
		if arm := machoDylib(tb, "arm64-apple-macos11"); arm != "" {
			out["macho-fat-dylib"] = fat(tb, out["macho-dylib"], mustRead(tb, arm))
		}
	}
	return out
}

// buildELFTB is buildELF's library for the fuzz seeds: "" without gcc.
func buildELFTB(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	write(tb, filepath.Join(dir, "m.c"), machoSource)
	if !run(tb, dir, "gcc", "-shared", "-fPIC", "-O2", "-o", "m.so", "m.c") {
		return ""
	}
	return filepath.Join(dir, "m.so")
}

// The committed seeds are the small artifacts as this machine's compilers
// build them: `go test ./analysis/binary -run TestFuzzSeeds -update-fuzz-seeds`
// rewrites them. Without the flag, each must still read without error.
func TestFuzzSeeds(t *testing.T) {
	seedDir := filepath.Join("testdata", "fuzz", "FuzzRead")
	if *updateFuzzSeeds {
		if err := os.MkdirAll(seedDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range seedArtifacts(t, true) {
			text := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(data)))
			if err := os.WriteFile(filepath.Join(seedDir, "seed-"+name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	seeds, _ := filepath.Glob(filepath.Join(seedDir, "seed-*"))
	if len(seeds) == 0 {
		t.Fatal("no committed seeds: run with -update-fuzz-seeds")
	}
	for _, s := range seeds {
		data := mustRead(t, s)
		lines := bytes.SplitN(data, []byte("\n"), 2)
		quoted := bytes.TrimSuffix(bytes.TrimSpace(lines[1]), []byte(")"))
		raw, err := strconv.Unquote(string(bytes.TrimPrefix(quoted, []byte("[]byte("))))
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if img, err := Read(bytes.NewReader([]byte(raw)), int64(len(raw))); err != nil || len(img.Markers) != 1 {
			t.Errorf("%s: %v, %+v: want an image with the marker", filepath.Base(s), err, img)
		}
	}
}
