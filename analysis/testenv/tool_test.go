package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestRequires(t *testing.T) {
	for _, tc := range []struct {
		list, name string
		want       bool
	}{
		{"", "gcc", false},
		{"gcc", "gcc", true},
		{"nm,gcc,patch", "gcc", true},
		{"nm, gcc ,patch", "gcc", true},
		{"x86_64-w64-mingw32-gcc", "gcc", false},
		{"gcc", "x86_64-w64-mingw32-gcc", false},
		{"gcc,,", "", true},
	} {
		if got := requires(tc.list, tc.name); got != tc.want {
			t.Errorf("requires(%q, %q) = %v, want %v", tc.list, tc.name, got, tc.want)
		}
	}
}

// The real decision, in a test process whose PATH is empty: a tool that is
// missing skips the test, or fails it when HPYLINT_REQUIRE_TOOLS names it.
func TestMissingToolSkipsUnlessRequired(t *testing.T) {
	if os.Getenv("TESTENV_LOOK_FOR_GCC") == "1" {
		Tool(t, "gcc")
		t.Log("found gcc")
		return
	}
	run := func(require string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMissingToolSkipsUnlessRequired$", "-test.v")
		cmd.Env = append(os.Environ(), "TESTENV_LOOK_FOR_GCC=1", "PATH=", RequireTools+"="+require)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("nm,patch")
	if err != nil || !strings.Contains(out, "--- SKIP") || !strings.Contains(out, "gcc not found (Debian package gcc); HPYLINT_REQUIRE_TOOLS=gcc makes this a failure") {
		t.Errorf("gcc missing, not required: %v\n%s", err, out)
	}
	out, err = run("nm,gcc")
	if err == nil || !strings.Contains(out, "--- FAIL") || !strings.Contains(out, "gcc not found (Debian package gcc), and HPYLINT_REQUIRE_TOOLS requires it") {
		t.Errorf("gcc missing and required: %v\n%s", err, out)
	}
}
