/* A copy of the interpreter's sources, for the embedded build. */
#include "Python.h"

PyObject *
PyLong_FromLong(long v)
{
    return (PyObject *)0;
}
