#include <numpy/arrayobject.h>

/* Compiled into a hybrid extension only. */
static inline double *histo_bins(PyArrayObject *a)
{
    return (double *)PyArray_DATA(a);
}
