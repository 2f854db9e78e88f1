#include "hpy.h"

void planner_forget(void *obj)
{
    Py_XDECREF(obj);  // want "HPY201"
}
