#ifndef POINTLIB_POINT_TYPE_H
#define POINTLIB_POINT_TYPE_H

#include "hpy.h"

typedef struct {
    double x;
    double y;
} PointObject;

HPyType_HELPERS(PointObject)

extern HPyType_Spec point_type_spec;

#endif
