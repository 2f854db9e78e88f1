package arenas

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>

// hpylint_arena_count counts the <heap> elements of malloc_info's report:
// one per arena.
static int hpylint_arena_count(void) {
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (f == NULL) {
		return -1;
	}
	malloc_info(0, f);
	fclose(f);
	int n = 0;
	for (char *p = buf; (p = strstr(p, "<heap nr=")) != NULL; p++) {
		n++;
	}
	free(buf);
	return n;
}
#else
static int hpylint_arena_count(void) { return -1; }
#endif

// hpylint_malloc_here makes the calling thread take an arena.
static void hpylint_malloc_here(void) { free(malloc(64)); }
*/
import "C"

// Count is how many malloc arenas the process has, or -1 off glibc.
func Count() int { return int(C.hpylint_arena_count()) }

// mallocHere makes the calling OS thread malloc, and so take an arena.
func mallocHere() { C.hpylint_malloc_here() }
