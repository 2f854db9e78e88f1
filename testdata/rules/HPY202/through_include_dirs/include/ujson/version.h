#define UJSON_VERSION "5.0"
#include <Python.h>
#include "structmember.h"
