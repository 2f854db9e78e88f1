package main

import (
	"bytes"
	"testing"

	"github.com/hpyproject/hpylint/cmd/internal/version"
)

// What it prints is cmd/internal/version's to test, with binaries built
// there; here, that --version prints it and nothing else.
func TestVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"--version"}, &stdout, &stderr)
	if want := "hpylint " + version.String() + "\n"; code != exitClean || stdout.String() != want || stderr.Len() != 0 {
		t.Errorf("--version: exit %d, stdout %q, stderr %q; want %q", code, stdout.String(), stderr.String(), want)
	}
}
