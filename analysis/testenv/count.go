// Package testenv reads what tests take from the environment: how many
// edits, seeds or files a property test runs when asked for more than its
// default, and which missing programs fail a test instead of skipping it.
package testenv

import (
	"os"
	"strconv"
	"testing"
)

// Count is the non-negative number in the environment variable name, or
// def when it is unset; anything else fails the test.
func Count(t testing.TB, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q: want a count", name, v)
	}
	return n
}
