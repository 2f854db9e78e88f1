// Package tsalloc makes tree-sitter allocate with the C library directly.
//
// go-tree-sitter installs allocator hooks that route every malloc, realloc
// and free tree-sitter makes through a cgo callback into Go, which by
// default just calls C malloc again. Parsing and querying allocate
// constantly, so the round trips cost more than the parsing itself
// (measured: a third of the time to extract facts from a 1 MB file).
// Resetting the hooks restores tree-sitter's built-in use of malloc; the
// memory is the same C heap either way, so blocks allocated before the
// reset are still freed correctly. Import this package for its effect
// before parsing; nothing in hpylint installs a Go allocator.
package tsalloc

/*
#include <stddef.h>
// Declared here rather than included: go-tree-sitter's headers are not on
// this package's include path. The symbol is defined by go-tree-sitter's
// compiled tree-sitter library, linked into the same binary.
extern void ts_set_allocator(
	void *(*new_malloc)(size_t),
	void *(*new_calloc)(size_t, size_t),
	void *(*new_realloc)(void *, size_t),
	void (*new_free)(void *));
static void hpylint_use_libc_allocator(void) { ts_set_allocator(NULL, NULL, NULL, NULL); }

#ifdef __GLIBC__
#include <malloc.h>
// Parsing runs on whichever OS thread the Go scheduler picked, and glibc
// gives each thread that mallocs an arena of its own, up to eight per
// core: a long editor session touches more of them over time, each
// keeping the freed blocks of its trees.
static void hpylint_bound_arenas(void) { mallopt(M_ARENA_MAX, 2); }
static void hpylint_trim(void) { malloc_trim(0); }
#else
static void hpylint_bound_arenas(void) {}
static void hpylint_trim(void) {}
#endif
*/
import "C"

import (
	_ "github.com/tree-sitter/go-tree-sitter" // defines ts_set_allocator
)

func init() {
	C.hpylint_use_libc_allocator()
	C.hpylint_bound_arenas()
}

// Trim gives the C heap's free memory back to the system: the language
// server calls it when idle, after a burst of reparses freed their trees.
func Trim() { C.hpylint_trim() }
