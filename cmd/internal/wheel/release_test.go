package wheel

import (
	"bytes"
	"debug/buildinfo"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseWheels checks what the wheels .ci/release built in
// $HPYLINT_RELEASE_DIST claim (.ci/run sets it after building them): one
// wheel per platform, consistent metadata and RECORD, one version, and in
// each both hpylint and hpyls, static executables of the tag's
// architecture, as file(1) says too, built from this module with cgo and
// carrying nothing beyond Go's build info.
func TestReleaseWheels(t *testing.T) {
	dist := os.Getenv("HPYLINT_RELEASE_DIST")
	if dist == "" {
		t.Skip("HPYLINT_RELEASE_DIST is not set: run .ci/release --out DIR, then this test with HPYLINT_RELEASE_DIST=DIR")
	}
	version := os.Getenv("HPYLINT_RELEASE_VERSION") // else the first wheel's, which the other must share
	for _, arch := range []string{"x86_64", "aarch64"} {
		t.Run(arch, func(t *testing.T) {
			found, _ := filepath.Glob(filepath.Join(dist, "hpylint-*-py3-none-manylinux_2_17_"+arch+".whl"))
			if len(found) != 1 {
				t.Fatalf("%d wheels for %s in %s (%v), want 1", len(found), arch, dist, found)
			}
			w, err := Read(found[0])
			if err != nil {
				t.Fatal(err)
			}
			if version == "" {
				version = w.Version
			} else if w.Version != version {
				t.Errorf("version %s, want %s", w.Version, version)
			}
			if got := strings.Join(w.Scripts, " "); got != "hpylint hpyls" {
				t.Errorf("scripts %q, want hpylint and hpyls", got)
			}
			for _, name := range []string{"hpylint", "hpyls"} {
				exe, ok := w.Script(name)
				if !ok {
					continue
				}
				if err := CheckStatic(exe.Data, arch); err != nil {
					t.Errorf("%s: %v", name, err)
				}
				checkFileSays(t, name, exe.Data, arch)
				checkBuildInfo(t, name, exe.Data, arch)
			}
		})
	}
}

// checkFileSays checks the claim the way a user would, with file(1).
func checkFileSays(t *testing.T, name string, exe []byte, arch string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	says := fileSays(t, path)
	machine := map[string]string{"x86_64": "x86-64", "aarch64": "ARM aarch64"}[arch]
	if !strings.Contains(says, "statically linked") || !strings.Contains(says, machine) {
		t.Errorf("file says %q about %s, want statically linked %s", says, name, machine)
	}
}

// checkBuildInfo checks that the binary is this module's command, built
// for the platform with cgo (tree-sitter), and that nothing was stamped
// into it with -X: its version is the one in the code.
func checkBuildInfo(t *testing.T, name string, exe []byte, arch string) {
	t.Helper()
	info, err := buildinfo.Read(bytes.NewReader(exe))
	if err != nil {
		t.Errorf("%s: no Go build info: %v", name, err)
		return
	}
	if want := "github.com/hpyproject/hpylint/cmd/" + name; info.Path != want {
		t.Errorf("%s: built from %s, want %s", name, info.Path, want)
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	goarch := map[string]string{"x86_64": "amd64", "aarch64": "arm64"}[arch]
	for key, want := range map[string]string{"GOOS": "linux", "GOARCH": goarch, "CGO_ENABLED": "1", "-trimpath": "true"} {
		if settings[key] != want {
			t.Errorf("%s: build setting %s=%q, want %q", name, key, settings[key], want)
		}
	}
	if ldflags := settings["-ldflags"]; strings.Contains(ldflags, "-X") {
		t.Errorf("%s: -ldflags %q stamps a value into the binary", name, ldflags)
	}
}
