package analysis

import "runtime"

// parseWorkers is how many files are parsed at once: n when set, else two
// for each thread Go may run at once (GOMAXPROCS, which follows a
// container's CPU quota). A parse is one long cgo call that calls back
// into Go for each chunk of text, and its facts are read by many short cgo
// calls; with one worker per thread a core sat idle between those
// hand-offs (a 500-file lint used 1.78 of 2 cores, a bare parse 1.97). A
// second worker per thread takes up that slack: the lint went from 1.22-1.28
// to 1.14-1.19 times a bare parse (BenchmarkLintOverBareParse500Files).
// Each worker holds one segment's tree at a time (cfacts.Extract), so
// memory does not grow with them.
func parseWorkers(n int) int {
	if n > 0 {
		return n
	}
	return 2 * runtime.GOMAXPROCS(0)
}
