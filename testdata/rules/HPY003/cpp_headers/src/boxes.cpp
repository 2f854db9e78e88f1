#include "hpy.h"
#include "holder.h"
#include "view.h"

HPyDef_METH(size, "size", HPyFunc_NOARGS)
static HPy size_impl(HPyContext *ctx, HPy self)
{
    boxes::Holder<long> h(3);
    View v(nullptr, h.get());
    return v.as_handle(ctx);
}

static HPyDef *module_defines[] = {&size, NULL};

static HPyModuleDef moduledef = {
    .doc = "boxes",
    .defines = module_defines,
};

HPy_MODINIT(boxes, moduledef)
