#include "hpy.h"
#include "shared.h"

int fancy_object_check(void *op)
{
    return PyObject_IsTrue(op);  // want "HPY201"
}
