#include <Python.h>

static struct PyModuleDef legacy_module = {
    PyModuleDef_HEAD_INIT, "legacy", NULL, -1, NULL,
};

PyMODINIT_FUNC PyInit_legacy(void)
{
    return PyModule_Create(&legacy_module);
}

static long half(long x)
{
    if (x > 0) {
        return x / 2;
