#include "hpy.h"

int mosaic_tile_is_empty(void *tile)
{
    return tile == Py_None;  // want "HPY201"
}
