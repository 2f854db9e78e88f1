#ifndef FANCY_API_H
#define FANCY_API_H

static inline void fancy_api_release(void *op) { Py_XDECREF(op); }  // want "HPY201"

#endif
