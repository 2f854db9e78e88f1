#include "hpy.h"
/* This project's own header, which hpylint does not read here. */
#include "numpy/ndarraytypes.h"

/* The project implements NumPy's C API: PyArray_* are its own names. */
HPy
PyArray_FromAny(HPyContext *ctx, HPy op, PyArray_Descr *dtype, int flags)
{
    PyArrayObject_fields *fields = PyArray_FIELDS(ctx, op);
    if (PyArray_ISCONTIGUOUS(fields) && dtype == NULL)
        return HPy_Dup(ctx, op);
    return PyArray_NewLikeArray(ctx, op, NPY_KEEPORDER, dtype, flags);
}
