/* café au lait */
#include "hpy.h"
