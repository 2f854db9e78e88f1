#ifndef VEC_ATTRS_H
#define VEC_ATTRS_H
#if defined(__GNUC__)
#define VEC_NONNULL(n) __attribute__((nonnull(n)))
#else
#define VEC_NONNULL(n)
#endif
#endif
