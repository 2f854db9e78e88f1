package audit

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestHPY501NotABinaryAndTruncated(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "libfoo.so"), []byte("/* GNU ld script */\nINPUT(-lfoo)\n"))
	good := build(t, dir, "_mod.hpy0.so", hpyModule("_mod"))
	writeFile(t, filepath.Join(dir, "_mod.py"), nil)
	data := readAll(t, good)
	writeFile(t, filepath.Join(dir, "_cut.hpy0.so"), data[:200])
	res := audit(t, dir, ".")
	got := find(res.Diagnostics, "HPY501")
	if len(got) != 2 || got[0].Location.Path != "_cut.hpy0.so" || !strings.Contains(got[0].Message, "damaged ELF") ||
		got[1].Location.Path != "libfoo.so" || !strings.Contains(got[1].Message, "not an ELF, Mach-O or PE file") {
		t.Errorf("HPY501 %+v", got)
	}
	if res.Files != 3 || len(res.Diagnostics) != 2 {
		t.Errorf("files %d, findings %v: the good binary is audited all the same", res.Files, codes(res.Diagnostics))
	}
}

func TestHPY501WheelThatIsNotAZipOrHasNoWHEEL(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "pkg-1.0-py3-none-any.whl"), []byte("not a zip"))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("pkg/__init__.py")
	w.Write([]byte("\n"))
	zw.Close()
	writeFile(t, filepath.Join(dir, "bare-1.0-py3-none-any.whl"), buf.Bytes())
	got := find(audit(t, dir, ".").Diagnostics, "HPY501")
	if len(got) != 2 || got[0].Location.Path != "bare-1.0-py3-none-any.whl" || !strings.Contains(got[0].Message, "no <name>.dist-info/WHEEL") ||
		got[1].Location.Path != "pkg-1.0-py3-none-any.whl" || !strings.Contains(got[1].Message, "not a readable zip archive") {
		t.Errorf("HPY501 %+v", got)
	}
}

// A member whose header claims gigabytes is reported without being
// inflated: memory stays bounded.
func TestHPY501WheelMemberClaimingGigabytes(t *testing.T) {
	dir := t.TempDir()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(make([]byte, 1<<20)) // 1 MiB of zeros: a kilobyte compressed
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "pkg/_bomb.hpy0.so", Method: zip.Deflate,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 8 << 30})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	w, _ = zw.Create("pkg-1.0.dist-info/WHEEL")
	w.Write([]byte("Wheel-Version: 1.0\nTag: py3-none-linux_x86_64\n"))
	zw.Close()
	writeFile(t, filepath.Join(dir, "dist/pkg-1.0-py3-none-linux_x86_64.whl"), buf.Bytes())

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res := audit(t, dir, "dist")
	runtime.ReadMemStats(&after)
	got := find(res.Diagnostics, "HPY501")
	if len(got) != 1 || got[0].Location.Path != "dist/pkg-1.0-py3-none-linux_x86_64.whl!/pkg/_bomb.hpy0.so" ||
		!strings.Contains(got[0].Message, "8589934592 bytes, over the audit's limit") {
		t.Errorf("HPY501 %+v", got)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("the audit allocated %d MiB for a member it did not read", grew>>20)
	}
}

// A header that understates the size cannot make the reader inflate more
// than the limit either.
func TestHPY501WheelMemberOverTheLimit(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 3<<20)
	makeWheel(t, filepath.Join(dir, "pkg-1.0-py3-none-linux_x86_64.whl"), wheelMember{"pkg/_big.hpy0.so", big})
	res, _ := Run([]string{"."}, Options{Cwd: dir, MaxMember: 1 << 20})
	got := find(res.Diagnostics, "HPY501")
	if len(got) != 1 || !strings.Contains(got[0].Message, "over the audit's limit of 1048576") {
		t.Errorf("HPY501 %+v", got)
	}
}

func TestMissingAndSpecialPathsAreErrors(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "_mod.hpy0.so", hpyModule("_mod"))
	writeFile(t, filepath.Join(dir, "_mod.py"), nil)
	res, errs := Run([]string{"missing.so", "_mod.hpy0.so"}, Options{Cwd: dir})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing.so") {
		t.Errorf("errors %v; want one for missing.so", errs)
	}
	if res.Files != 1 || len(res.Diagnostics) != 0 {
		t.Errorf("the other path: files %d, findings %v", res.Files, codes(res.Diagnostics))
	}
}

// A file named alone is audited with its siblings: the stub beside it
// reaches it, and a finding on a sibling is not the file's.
func TestFileNamedAloneSeesItsSiblings(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "_mod.hpy0.so", hpyModule("_mod"))
	writeFile(t, filepath.Join(dir, "_mod.py"), nil)
	writeFile(t, filepath.Join(dir, "_mod.abi3.so"), []byte("junk"))
	mkfifo(t, filepath.Join(dir, "_mod.cpython-311-x86_64-linux-gnu.so")) // never opened: it would block
	res := audit(t, dir, "_mod.hpy0.so")
	if len(res.Diagnostics) != 0 {
		t.Errorf("findings %v; want none (the stub reaches it; the junk sibling was not named)", codes(res.Diagnostics))
	}
}

// A directory of 10,000 files, a link loop and a link to a binary: the
// walk ends, follows the file link and reads only what matters.
func TestLargeDirectoryAndLinks(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "build", "pkg")
	for i := range 10000 {
		writeFile(t, filepath.Join(pkg, fmt.Sprintf("f%05d.txt", i)), nil)
	}
	so := build(t, dir, "build/pkg/_mod.hpy0.so", hpyModule("_mod")+pyInit("_mod")+marker(currentShim, "_mod"))
	if err := os.Symlink(filepath.Base(so), filepath.Join(pkg, "_mod.abi3.so")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(pkg, "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("self.so", filepath.Join(pkg, "self.so")); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, filepath.Join(pkg, "fifo.so"))
	os.Mkdir(filepath.Join(pkg, "dir.so"), 0o755)
	res := audit(t, dir, "build")
	if res.Files != 2 {
		t.Errorf("files %d; want the binary and its link", res.Files)
	}
	got := codes(res.Diagnostics)
	if len(got) != 2 || got[0] != "build/pkg/fifo.so HPY501" || got[1] != "build/pkg/self.so HPY501" {
		t.Errorf("findings %v; want the FIFO (not opened) and the looping link, reported", got)
	}
}
