/* A trimmed copy of the interpreter's headers, for the embedded build. */
#ifndef Py_PYTHON_H
#define Py_PYTHON_H
typedef struct _object PyObject;
PyObject *PyLong_FromLong(long v);
#endif
