#ifndef MODDEF_H
#define MODDEF_H
#include "hpy.h"
extern HPyModuleDef hdr_moduledef;
#endif
