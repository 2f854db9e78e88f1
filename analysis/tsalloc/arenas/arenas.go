// Package arenas bounds glibc's malloc to two arenas before the Go runtime
// starts its threads; import it for its effect, in a long-running process.
package arenas

/*
// stdlib.h first: __GLIBC__ comes from glibc's own headers.
#include <stdlib.h>
#include <string.h>

// Two lets two parses allocate at once.
#define HPYLINT_ARENAS 2

#ifdef __GLIBC__
#include <malloc.h>

// glibc gives each thread that mallocs an arena of its own, up to eight per
// core, and a thread keeps its arena. Go moves a parse from one OS thread
// to the next, so the nodes of one syntax tree spread over all the arenas,
// and the blocks an edit frees are reused only by the threads of their own
// arena: over 2,000 keystrokes on a 1 MB file the language server's C heap
// grew from 32 to 42 MB in nine arenas while the tree in it stayed at
// 29 MB. A bound set from Go (an init function) comes too late: the
// arenas the runtime's threads made by then stay in use. A constructor
// runs before the runtime starts. MALLOC_ARENA_MAX or an arena_max tunable
// set by the user wins.
__attribute__((constructor)) static void hpylint_bound_arenas(void) {
	const char *tunables = getenv("GLIBC_TUNABLES");
	if (getenv("MALLOC_ARENA_MAX") != NULL || (tunables != NULL && strstr(tunables, "arena_max") != NULL)) {
		return;
	}
	mallopt(M_ARENA_MAX, HPYLINT_ARENAS);
}
#endif
*/
import "C"

// Bound is the number of arenas on glibc, unless the user set one.
const Bound = C.HPYLINT_ARENAS
