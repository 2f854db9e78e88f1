#ifndef TALLY_COMPAT_H
#define TALLY_COMPAT_H

/* Back-ports of CPython API for older Pythons: the names stay CPython's. */
#if PY_VERSION_HEX < 0x030A0000
#define Py_NewRef(o) (Py_INCREF(o), (o))
#endif

#ifndef Py_RETURN_TRUE
#define Py_RETURN_TRUE return Py_NewRef(Py_True)
#endif

/* The project's own helper. */
#define PyTally_STEP 2

#endif
