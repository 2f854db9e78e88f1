#pragma once
#include "hpy.h"

/* Nothing here says C++ to a token test, but a C++ source includes it. */
struct View
{
    View(PyObject *owner, long length) : owner_(owner), length_(length) {} /* want "HPY201" */
    ~View() { Py_XDECREF(owner_); } /* want "HPY201" */
    HPy as_handle(HPyContext *ctx) const { return HPyLong_FromLong(ctx, length_); }
    PyObject *owner_; /* want "HPY201" */
    long length_;
};
