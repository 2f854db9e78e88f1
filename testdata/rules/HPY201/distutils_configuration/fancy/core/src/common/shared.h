#ifndef FANCY_SHARED_H
#define FANCY_SHARED_H

static inline long fancy_shared_size(void *op) { return PyLong_AsLong(op); }  // want "HPY201"

#endif
