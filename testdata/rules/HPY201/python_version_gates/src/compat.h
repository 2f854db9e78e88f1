#ifndef COMPAT_H
#define COMPAT_H
#include <Python.h>
#endif
