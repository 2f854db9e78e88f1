#include "hpy.h"

long codec_read_size(void *length)
{
    return PyLong_AsLong(length);  // want "HPY201"
}
