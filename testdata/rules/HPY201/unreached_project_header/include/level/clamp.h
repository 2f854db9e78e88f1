#ifndef LEVEL_CLAMP_H
#define LEVEL_CLAMP_H

/* Plain C helpers shared with the level command-line tool. */
static inline long PyLevel_Clamp(long v, long lo, long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

#define PyLevel_MAX 100

#endif
