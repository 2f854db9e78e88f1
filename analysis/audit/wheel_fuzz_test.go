package audit

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzWheel audits arbitrary bytes as a wheel: whatever they are, the
// audit ends with findings, never a panic, and reads no member past the
// limit.
func FuzzWheel(f *testing.F) {
	seedDir := f.TempDir()
	f.Add([]byte("not a zip"))
	f.Add(readSeed(f, makeWheelBytes(f, seedDir, wheelMember{"pkg/_mod.hpy0.so", []byte("\x7fELF\x02\x01\x01")}, wheelMember{"pkg/_mod.py", nil})))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "pkg-1.0-py3-none-linux_x86_64.whl")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, errs := Run([]string{p}, Options{Cwd: dir, MaxMember: 1 << 20})
		if len(errs) != 0 || res.Files < 1 {
			t.Fatalf("errors %v, files %d", errs, res.Files)
		}
	})
}

// makeWheelBytes writes a seed wheel and returns its path.
func makeWheelBytes(f *testing.F, dir string, members ...wheelMember) string {
	return makeWheel(f, filepath.Join(dir, "seed-1.0-py3-none-linux_x86_64.whl"), members...)
}

func readSeed(f *testing.F, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		f.Fatal(err)
	}
	return b
}
