#include <numpy/arrayobject.h>

/* A project header reached from the universal source is checked too. */
static inline double *histo_bins(PyArrayObject *a)  /* want "HPY208" */
{
    return (double *)PyArray_DATA(a);  /* want "HPY208" */
}
