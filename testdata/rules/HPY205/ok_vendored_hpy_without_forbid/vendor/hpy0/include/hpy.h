/* Stand-in for a vendored HPy 0.0.x: its headers, without forbid_python_h. */
#ifndef SLIM_VENDORED_HPY_H
#define SLIM_VENDORED_HPY_H
typedef struct { long _i; } HPy;
typedef struct _HPyContext_s HPyContext;
typedef struct { const char *doc; } HPyModuleDef;
#define HPy_MODINIT(name, def)
#endif
