package wheel

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// fileSays is what file(1) says about the file at path.
func fileSays(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("file", "-b", path).Output()
	if err != nil {
		t.Fatalf("file %s: %v", path, err)
	}
	return strings.TrimSpace(string(out))
}

// TestCheckStaticTellsStaticFromDynamic links one C program twice with
// gcc: dynamically, as cgo does by default, and with -static against
// glibc's libc.a, as .ci/release does.
func TestCheckStaticTellsStaticFromDynamic(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("links x86_64 ELF executables")
	}
	gcc := testenv.Tool(t, "gcc")
	testenv.Tool(t, "file")
	if out, _ := exec.Command(gcc, "-print-file-name=libc.a").Output(); !filepath.IsAbs(strings.TrimSpace(string(out))) {
		t.Skip("no static libc.a (libc6-dev)")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "hello.c")
	if err := os.WriteFile(src, []byte("#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := func(name string, flags ...string) (string, []byte) {
		exe := filepath.Join(dir, name)
		if out, err := exec.Command("gcc", append(flags, "-o", exe, src)...).CombinedOutput(); err != nil {
			t.Fatalf("gcc %v: %v\n%s", flags, err, out)
		}
		data, err := os.ReadFile(exe)
		if err != nil {
			t.Fatal(err)
		}
		return exe, data
	}

	staticExe, static := link("static", "-static")
	if err := CheckStatic(static, "x86_64"); err != nil {
		t.Errorf("gcc -static: %v", err)
	}
	if err := CheckStatic(static, "aarch64"); err == nil || !strings.Contains(err.Error(), "EM_AARCH64") {
		t.Errorf("an x86_64 executable checked as aarch64: %v, want the machine named", err)
	}
	if says := fileSays(t, staticExe); !strings.Contains(says, "statically linked") {
		t.Errorf("file says %q about gcc -static's output", says)
	}

	dynamicExe, dynamic := link("dynamic", "-no-pie")
	err := CheckStatic(dynamic, "x86_64")
	for _, want := range []string{"program interpreter", "dynamic section", "libc.so.6"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("a dynamic executable: %v, want %q", err, want)
		}
	}
	if says := fileSays(t, dynamicExe); strings.Contains(says, "statically linked") {
		t.Errorf("file says %q about a dynamic executable", says)
	}
	_, pie := link("pie", "-pie", "-fPIE")
	if err := CheckStatic(pie, "x86_64"); err == nil {
		t.Error("a PIE executable passed as static")
	}
}
