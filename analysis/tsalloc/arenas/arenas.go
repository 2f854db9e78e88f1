// Package arenas bounds glibc's malloc arenas before the Go runtime starts
// its threads; import it for its effect, in a long-running process.
package arenas

/*
#define _GNU_SOURCE
// stdlib.h first: __GLIBC__ comes from glibc's own headers.
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>

// hpylint_arena_bound is the bound set, or 0 when none was.
static int hpylint_arena_bound;

#ifdef __GLIBC__
#include <malloc.h>

// glibc gives each thread that mallocs an arena of its own, up to eight per
// core, and a thread keeps its arena. Go moves a parse from one OS thread
// to the next, so the nodes of one syntax tree spread over all the arenas,
// and the blocks an edit frees are reused only by the threads of their own
// arena: over 2,000 keystrokes on a 1 MB file the language server's C heap
// grew from 32 to 42 MB in nine arenas while the tree in it stayed at
// 29 MB. Two arenas per core keep it at 31 to 34 MB; one per core cost the
// numpy-hpy workspace a tenth more time to open, its files being parsed
// one per core at once. A bound set from Go (an init function) comes too
// late: the arenas the runtime's threads made by then stay in use. A
// constructor runs before the runtime starts. MALLOC_ARENA_MAX or an
// arena_max tunable set by the user wins.
__attribute__((constructor)) static void hpylint_bound_arenas(void) {
	const char *tunables = getenv("GLIBC_TUNABLES");
	if (getenv("MALLOC_ARENA_MAX") != NULL || (tunables != NULL && strstr(tunables, "arena_max") != NULL)) {
		return;
	}
	int cores = 0;
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0) {
		cores = CPU_COUNT(&set);
	}
	if (cores < 1) {
		cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
	}
	if (cores < 1) {
		cores = 1;
	}
	if (mallopt(M_ARENA_MAX, 2 * cores) == 1) {
		hpylint_arena_bound = 2 * cores;
	}
}
#endif

static int hpylint_bound(void) { return hpylint_arena_bound; }
*/
import "C"

// Bound is the number of arenas malloc was bounded to at start, or 0 when
// it was not (not glibc, or the user set one).
func Bound() int { return int(C.hpylint_bound()) }
