/* A project header compiled into the universal build. */
PyObject *PyInit_mod(void)  // want "HPY206"
{
    return PyModule_New("mod");
}
