#include "hpy.h"

static HPyModuleDef moduledef = {
    .doc = "a comment that never ends",
};

HPy_MODINIT(note, moduledef)

/* The rest of this file was lost: the comment opened here
   has no end, and nothing after it
   is code (want "HPY003").
