/* Shared with the CPython build: a porter gets here through meter.c. */
typedef Py_ssize_t meter_size;
