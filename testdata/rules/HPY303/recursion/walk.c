#include "hpy.h"

static int visit(HPyContext *ctx, HPy node, int depth);

/* walk and visit call each other, and walk calls itself: the search must
   end, and still find the import below. */
int walk(HPyContext *ctx, HPy node, int depth)
{
    if (depth > 8)
        return 0;
    if (walk(ctx, node, depth + 1) < 0)
        return -1;
    return visit(ctx, node, depth);
}

static int visit(HPyContext *ctx, HPy node, int depth)
{
    if (depth == 3) {
        /* "\x61pp" is "app", this extension. */
        HPy again = HPyImport_ImportModule(ctx, "\x61pp");  // want "HPY303"
        HPy_Close(ctx, again);
    }
    return walk(ctx, node, depth + 1);
}
