package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain keeps the tests' cache of facts out of the user's: every run
// of the tests starts with an empty one of its own.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hpylint-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("HPYLINT_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
