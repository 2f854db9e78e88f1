#include "hpy.h"

static int codec_width(const char *name);

HPyDef_METH(width, "width", HPyFunc_O)
static HPy width_impl(HPyContext *ctx, HPy self, HPy arg)
{
    return HPyLong_FromLong(ctx, codec_width("ascii"));
}

static HPyDef *module_defines[] = {&width, NULL};

static HPyModuleDef moduledef = {
    .doc = "codecs2",
    .defines = module_defines,
};

HPy_MODINIT(codecs2, moduledef)

typedef struct {
    const char *name;
    int width;
} codec_entry;

/* A directive inside the initializer: the compiler sees one list. */
static codec_entry known_codecs[] = {
#ifdef CODECS2_WITH_WIDE
    {"utf-16", 2},
    {"utf-32", 4},
#endif
    {"ascii", 1},
    {"latin-1", 1},
    {NULL, 0}};

static int codec_width(const char *name)
{
    int i;
    for (i = 0; known_codecs[i].name != NULL; i++) {
        if (name[0] == known_codecs[i].name[0])
            return known_codecs[i].width;
    }
    return 0;
}
