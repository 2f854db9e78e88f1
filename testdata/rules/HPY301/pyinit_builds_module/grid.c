#include <Python.h>
#include "hpy.h"
#include <numpy/arrayobject.h>

static HPyModuleDef moduledef = { .doc = "grid" };
HPy_MODINIT(grid, moduledef)

static struct PyModuleDef cpy_def = { PyModuleDef_HEAD_INIT, "grid", NULL, -1, NULL };

PyMODINIT_FUNC PyInit_grid(void)  // want "HPY104" "HPY206"
{
    PyObject *m = PyModule_Create(&cpy_def);
    if (m == NULL)
        return NULL;
    import_array();  // want "HPY301"
    return m;
}
