#include "hpy.h"

void codec_write_done(void *buffer)
{
    Py_DECREF(buffer);  // want "HPY201"
}
