#include "moddef.h"

HPy_MODINIT(hdr, hdr_moduledef)
