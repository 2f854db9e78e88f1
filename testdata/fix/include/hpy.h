/* A stand-in for HPy's hpy.h with only what testdata/fix/tiny uses, so that
   the sources `hpylint --fix` writes can be compiled without HPy installed.
   Like the real header, HPy_MODINIT defines PyInit_<ext> in cpython mode and
   HPyInit_<ext> (no PyInit_) in universal and hybrid mode. */
#ifndef HPYLINT_TEST_STUB_HPY_H
#define HPYLINT_TEST_STUB_HPY_H

#if defined(HPY_ABI_CPYTHON) + defined(HPY_ABI_HYBRID) + defined(HPY_ABI_UNIVERSAL) != 1
#  error "define exactly one of HPY_ABI_CPYTHON, HPY_ABI_HYBRID, HPY_ABI_UNIVERSAL"
#endif

typedef struct {
    const char *doc;
    long size;
} HPyModuleDef;

#define HPY_STUB_EXPORT __attribute__((visibility("default")))

#if defined(HPY_ABI_CPYTHON)
#  define HPy_MODINIT(ext, def) \
    HPY_STUB_EXPORT void *PyInit_##ext(void); \
    void *PyInit_##ext(void) { return &def; }
#else
#  define HPy_MODINIT(ext, def) \
    HPY_STUB_EXPORT HPyModuleDef *HPyInit_##ext(void); \
    HPyModuleDef *HPyInit_##ext(void) { return &def; }
#endif

#endif
