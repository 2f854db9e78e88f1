/* The project's own helpers, defined behind an export macro the way HPy's
   headers define theirs. In C++ the grammar, which cannot expand the
   macro, reads `BRIDGE_API T *name(...)` as a qualified name with its `::`
   missing: these are still definitions, not uses, of the legacy names. */
#ifndef BRIDGE_API_H
#define BRIDGE_API_H
#define BRIDGE_API static inline

typedef struct _object cpy_PyObject;

BRIDGE_API cpy_PyObject *HPy_AsPyObject(HPyContext *ctx, HPy h) {
    return (cpy_PyObject *)0;
}

BRIDGE_API HPy *bridge_slot(HPy *slots, long i) {
    return slots + i;
}
#endif
