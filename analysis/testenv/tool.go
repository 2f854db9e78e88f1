package testenv

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// RequireTools is the environment variable naming, comma-separated, the
// programs whose absence fails a test instead of skipping it. .ci/run sets
// it for every program it installs, so that CI cannot pass by skipping.
const RequireTools = "HPYLINT_REQUIRE_TOOLS"

// debianPackages says where Debian ships the programs the tests look for,
// for the message when one is missing.
var debianPackages = map[string]string{
	"gcc":                        "gcc",
	"g++":                        "g++",
	"nm":                         "binutils",
	"patch":                      "patch",
	"clang":                      "clang",
	"ld64.lld":                   "lld",
	"nvim":                       "neovim",
	"pre-commit":                 "pre-commit",
	"x86_64-w64-mingw32-gcc":     "gcc-mingw-w64-x86-64",
	"x86_64-w64-mingw32-g++":     "g++-mingw-w64-x86-64",
	"x86_64-w64-mingw32-objdump": "binutils-mingw-w64-x86-64",
}

// Tool is the path of the program name on PATH. Without it the test is
// skipped, or fails when HPYLINT_REQUIRE_TOOLS names the program.
func Tool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := lookPath(name)
	if err != nil {
		Missing(tb, name)
	}
	return path
}

// OptionalTool is Tool for a test that goes on without the program (fuzz
// seeds it would have built): "" when it is missing and not required.
func OptionalTool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := lookPath(name)
	if err != nil && Required(name) {
		tb.Fatal(missingMessage(name))
	}
	return path
}

// lookPath finds a program on PATH or, for a linker clang runs, where
// clang finds it: Debian's lld installs ld64.lld outside PATH.
func lookPath(name string) (string, error) {
	path, err := exec.LookPath(name)
	if err == nil || !clangLinkers[name] {
		return path, err
	}
	clang, cerr := exec.LookPath("clang")
	if cerr != nil {
		return "", err
	}
	out, cerr := exec.Command(clang, "-print-prog-name="+name).Output()
	if cerr != nil {
		return "", err
	}
	return exec.LookPath(strings.TrimSpace(string(out))) // the bare name when clang has none
}

var clangLinkers = map[string]bool{"ld64.lld": true}

// Missing ends a test that needs the program name, found missing by the
// caller's own means: it fails when HPYLINT_REQUIRE_TOOLS names the
// program, else it skips.
func Missing(tb testing.TB, name string) {
	tb.Helper()
	if Required(name) {
		tb.Fatal(missingMessage(name))
	}
	tb.Skip(missingMessage(name))
}

// Required reports whether HPYLINT_REQUIRE_TOOLS names the program.
func Required(name string) bool {
	return requires(os.Getenv(RequireTools), name)
}

// requires reports whether the comma-separated list names the program.
func requires(list, name string) bool {
	return slices.ContainsFunc(strings.Split(list, ","), func(s string) bool { return strings.TrimSpace(s) == name })
}

func missingMessage(name string) string {
	msg := name + " not found"
	if pkg := debianPackages[name]; pkg != "" {
		msg += " (Debian package " + pkg + ")"
	}
	if Required(name) {
		return msg + ", and " + RequireTools + " requires it"
	}
	return msg + "; " + RequireTools + "=" + name + " makes this a failure"
}
