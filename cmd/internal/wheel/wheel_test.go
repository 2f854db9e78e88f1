package wheel

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// repoRoot is the repository this package sits in, three levels down.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// python is Debian's python3, which .ci/release packs the wheels with, or
// the one on PATH.
func python(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return testenv.Tool(t, "python3")
}

// pack runs .ci/wheel.py on two stand-in executables and returns the wheel.
func pack(t *testing.T, version string) (string, error) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{"hpylint": "#!/bin/sh\necho lint\n", "hpyls": "#!/bin/sh\necho ls\n", "LICENSE": "MIT License\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "dist")
	cmd := exec.Command(python(t), filepath.Join(repoRoot(t), ".ci/wheel.py"), "--version", version,
		"--tag", "py3-none-manylinux_2_17_x86_64", "--license", filepath.Join(dir, "LICENSE"), "--out", out,
		filepath.Join(dir, "hpylint"), filepath.Join(dir, "hpyls"))
	stdout, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return "", &packError{string(ee.Stderr)}
		}
		t.Fatal(err)
	}
	return strings.TrimSpace(string(stdout)), nil
}

type packError struct{ stderr string }

func (e *packError) Error() string { return e.stderr }

func TestPackedWheelIsConsistent(t *testing.T) {
	whl, err := pack(t, "1.2.0rc1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := filepath.Base(whl), "hpylint-1.2.0rc1-py3-none-manylinux_2_17_x86_64.whl"; got != want {
		t.Errorf("wheel.py wrote %s, want %s", got, want)
	}
	w, err := Read(whl)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(w.Scripts, " ") != "hpylint hpyls" {
		t.Errorf("scripts %v, want hpylint and hpyls", w.Scripts)
	}
	if f, _ := w.Script("hpyls"); string(f.Data) != "#!/bin/sh\necho ls\n" || f.Mode.Perm() != 0o755 {
		t.Errorf("hpyls is %q with mode %v, want the file given, 0755", f.Data, f.Mode)
	}
	if lic := w.Files[w.DistInfo()+"/LICENSE"]; string(lic.Data) != "MIT License\n" {
		t.Errorf("LICENSE is %q, want the file given", lic.Data)
	}
	if w.Metadata["Requires-Python"] != ">=3.8" {
		t.Errorf("Requires-Python %q", w.Metadata["Requires-Python"])
	}
}

// TestReadFindsWhatIsWrong changes a correct wheel the ways a hand-made
// packer gets wrong, and expects Read to say so: the checks the release
// test relies on do check.
func TestReadFindsWhatIsWrong(t *testing.T) {
	whl, err := pack(t, "0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(rewrite(t, whl, func(n string, d []byte) (string, []byte) { return n, d })); err != nil {
		t.Fatalf("a copy of a correct wheel: %v", err)
	}
	for _, tc := range []struct {
		name   string
		change func(name string, data []byte) (string, []byte)
		want   string
	}{
		{"a script changed after RECORD", func(n string, d []byte) (string, []byte) {
			if strings.HasSuffix(n, "/scripts/hpylint") {
				return n, []byte("#!/bin/sh\necho changed\n")
			}
			return n, d
		}, "RECORD has sha256="},
		{"a member not in RECORD", func(n string, d []byte) (string, []byte) {
			if strings.HasSuffix(n, "/LICENSE") {
				return strings.TrimSuffix(n, "LICENSE") + "COPYING", d
			}
			return n, d
		}, "dist-info/COPYING is not in RECORD"},
		{"the tag of another platform", func(n string, d []byte) (string, []byte) {
			if strings.HasSuffix(n, "/WHEEL") {
				return n, []byte(strings.Replace(string(d), "x86_64", "aarch64", 1))
			}
			return n, d
		}, `WHEEL Tag is "py3-none-manylinux_2_17_aarch64"`},
		{"padded hashes", func(n string, d []byte) (string, []byte) {
			if strings.HasSuffix(n, "/RECORD") {
				return n, regexp.MustCompile(`(sha256=[^,]+),`).ReplaceAll(d, []byte("$1=,"))
			}
			return n, d
		}, "its content hashes to"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			changed := rewrite(t, whl, tc.change)
			_, err := Read(changed)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Read: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// rewrite copies the wheel, passing each member through change.
func rewrite(t *testing.T, whl string, change func(string, []byte) (string, []byte)) string {
	t.Helper()
	zr, err := zip.OpenReader(whl)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), filepath.Base(whl))
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		name, data := change(zf.Name, data)
		h := zf.FileHeader
		h.Name = name
		w, err := zw.CreateHeader(&h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return out
}

func TestWheelPyRefusesAVersionPipWouldRename(t *testing.T) {
	for _, v := range []string{"0.1.0-dev", "v0.1.0", "0.1.0+local", "01.2"} {
		_, err := pack(t, v)
		if err == nil || !strings.Contains(err.Error(), "PEP 440") {
			t.Errorf("wheel.py %s: %v, want a refusal naming PEP 440", v, err)
		}
	}
}
