#ifndef TALLY_H
#define TALLY_H

#ifndef TALLY_INTERNAL
/* What users of the CPython build see; the HPy extension never compiles it. */
typedef struct {
    PyObject_HEAD
    long total;
} TallyObject;
#else
static Py_ssize_t tally_total(void) { return 0; }  /* want "HPY201" */
#endif

#endif
