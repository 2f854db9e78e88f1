#include "moddef.h"

HPyModuleDef hdr_moduledef = { .doc = "defined in another file, declared in a header" };
