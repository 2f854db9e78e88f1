/* hpylint:generated cpython-entrypoint
 * generator: hpylint
 * version: 1
 * sha256: a41e20c03b9cfd1de8266e8504c27529b6afd61b73bc077fe0c1fb6e856430a0
 * Generated: do not edit. hpylint rewrites this file and uses the sha256
 * of everything below this comment to notice an edited copy.
 */
/*
 * CPython entrypoint for an HPy universal (or hybrid) extension, HPy issue #445.
 *
 * Use it right after HPy_MODINIT, with the same extension name:
 *
 *     HPy_MODINIT(ext, moddef)
 *     #include "hpy_cpython_entrypoint.h"
 *     HPY_CPYTHON_ENTRYPOINT(ext)
 *
 * With it, plain CPython imports ext.so / ext.abi3.so / ext.<EXT_SUFFIX>
 * directly, with no .py stub: PyInit_ext hands a multi-phase definition to
 * CPython whose create slot asks hpy.universal to load the ".hpy0"
 * binary. GraalPy and PyPy keep loading the same binary through hpy.universal
 * and ignore PyInit_ext.
 *
 * Why it looks the way it does:
 * - A universal binary must not need libpython at link time, so this file
 *   never includes Python.h: it declares the few stable-ABI layouts it uses
 *   (under private names, so it also compiles in hybrid mode, where Python.h
 *   is already in) and finds every CPython function at run time, with
 *   dlsym(RTLD_DEFAULT) or GetProcAddress on the python3*.dll.
 * - Single-phase init fails ("PyState_AddModule called on module with
 *   slots") because HPy always builds a multi-phase module, so the module is
 *   made in a Py_mod_create slot, which also receives the spec.
 * - Objects are reached only through functions (Py_IncRef, not Py_INCREF),
 *   so nothing but the static PyModuleDef depends on the object layout, and
 *   that layout is the GIL build's: free-threaded CPython is refused before
 *   the definition is touched.
 * - Nothing may crash: a missing function, a missing hpy package, a missing
 *   .hpy0 file or a module importing itself from its own init all end in
 *   an ImportError.
 *
 * Limits:
 * - hpy.universal gets spec.origin when its file name carries .hpy0, and
 *   otherwise <stem>.hpy0<ext> beside it (a copy or a symlink of the same
 *   binary both work). hpy.devel names hybrid builds <stem>.hpy0-cp311.so:
 *   install such a binary under the universal name as well.
 * - Like any extension, it looks CPython up in the process's global symbol
 *   scope: an embedder that loads libpython with RTLD_LOCAL hides it, and the
 *   import then fails (ImportError, or SystemError when not even
 *   PyErr_SetString can be found) instead of crashing.
 */
#ifndef HPY_CPYTHON_ENTRYPOINT_H
#define HPY_CPYTHON_ENTRYPOINT_H

#define HPY_CPYTHON_ENTRYPOINT_VERSION 1

#if defined(HPY_ABI_CPYTHON)

/* In the cpython ABI, HPy_MODINIT already defines PyInit_<ext>. */
#define HPY_CPYTHON_ENTRYPOINT(ext)

#else /* universal or hybrid */

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#if defined(_WIN32)
/* Only what this file needs, and no min/max macros leaking into the user's
   code after the include. */
#  if !defined(WIN32_LEAN_AND_MEAN)
#    define WIN32_LEAN_AND_MEAN
#    define HPYSHIM_UNDEF_LEAN
#  endif
#  if !defined(NOMINMAX)
#    define NOMINMAX
#    define HPYSHIM_UNDEF_NOMINMAX
#  endif
#  include <windows.h>
#  if defined(HPYSHIM_UNDEF_LEAN)
#    undef WIN32_LEAN_AND_MEAN
#    undef HPYSHIM_UNDEF_LEAN
#  endif
#  if defined(HPYSHIM_UNDEF_NOMINMAX)
#    undef NOMINMAX
#    undef HPYSHIM_UNDEF_NOMINMAX
#  endif
#else
#  include <dlfcn.h>
#endif

#if defined(__cplusplus)
#  define HPYSHIM_EXTERN_C extern "C"
#else
#  define HPYSHIM_EXTERN_C
#endif

/* PyInit_ must stay visible under -fvisibility=hidden and be exported from a
   DLL, exactly like CPython's PyMODINIT_FUNC. */
#if defined(_WIN32) || defined(__CYGWIN__)
#  define HPYSHIM_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#  define HPYSHIM_EXPORT __attribute__((visibility("default")))
#else
#  define HPYSHIM_EXPORT
#endif

/* The helpers are static in every file that includes this header; only the
   one that expands HPY_CPYTHON_ENTRYPOINT uses them, and the others must not
   warn about unused functions (MSVC's C4505 spares inline ones). */
#if defined(__GNUC__) || defined(__clang__)
#  define HPYSHIM_FUNC static __attribute__((unused))
#elif defined(_MSC_VER)
#  define HPYSHIM_FUNC static __inline
#else
#  define HPYSHIM_FUNC static
#endif

/* hpy.universal refuses a path whose name lacks this tag. */
#if defined(HPY_ABI_TAG)
#  define HPYSHIM_ABI_TAG "." HPY_ABI_TAG
#else
#  define HPYSHIM_ABI_TAG ".hpy0"
#endif

/* ---- stable-ABI layouts (GIL build), under private names ---------------- */

typedef ptrdiff_t hpyshim_ssize_t; /* Py_ssize_t: pointer-sized everywhere */

typedef struct hpyshim_object {
    hpyshim_ssize_t ob_refcnt;
    void *ob_type;
} hpyshim_object;

typedef struct hpyshim_moduledef_base {
    hpyshim_object ob_base;
    hpyshim_object *(*m_init)(void);
    hpyshim_ssize_t m_index;
    hpyshim_object *m_copy;
} hpyshim_moduledef_base;

typedef struct hpyshim_slot {
    int slot;
    void *value;
} hpyshim_slot;

typedef struct hpyshim_moduledef {
    hpyshim_moduledef_base m_base;
    const char *m_name;
    const char *m_doc;
    hpyshim_ssize_t m_size;
    void *m_methods;
    hpyshim_slot *m_slots;
    void (*m_traverse)(void);
    void (*m_clear)(void);
    void (*m_free)(void);
} hpyshim_moduledef;

/* PyModuleDef_HEAD_INIT of the GIL build; 1, not the immortal count of 3.12+,
   is what stable-ABI extensions built with older headers carry too. */
#define HPYSHIM_MODULEDEF_HEAD_INIT {{1, NULL}, NULL, 0, NULL}
#define HPYSHIM_MOD_CREATE 1 /* Py_mod_create */

typedef hpyshim_object *(*hpyshim_createfunc)(hpyshim_object *, hpyshim_moduledef *);

/* The run-time conversions between data and function pointers below go
   through memcpy, which needs them to have one size. */
typedef char hpyshim_fnptr_is_pointer_sized[sizeof(void (*)(void)) == sizeof(void *) ? 1 : -1];

/* ---- the CPython functions, found at run time --------------------------- */

/* PyErr_SetString and PyExc_ImportError come first: once they are found, any
   later missing name can be reported as an ImportError. */
#define HPYSHIM_FUNCTIONS(X) \
    X(void, PyErr_SetString, (hpyshim_object *, const char *)) \
    X(hpyshim_object *, PyModuleDef_Init, (hpyshim_moduledef *)) \
    X(hpyshim_object *, PyErr_SetImportError, (hpyshim_object *, hpyshim_object *, hpyshim_object *)) \
    X(hpyshim_object *, PyErr_Occurred, (void)) \
    X(int, PyErr_ExceptionMatches, (hpyshim_object *)) \
    X(void, PyErr_Fetch, (hpyshim_object **, hpyshim_object **, hpyshim_object **)) \
    X(void, PyErr_NormalizeException, (hpyshim_object **, hpyshim_object **, hpyshim_object **)) \
    X(void, PyErr_Restore, (hpyshim_object *, hpyshim_object *, hpyshim_object *)) \
    X(void, PyErr_Clear, (void)) \
    X(void, PyException_SetCause, (hpyshim_object *, hpyshim_object *)) \
    X(int, PyException_SetTraceback, (hpyshim_object *, hpyshim_object *)) \
    X(hpyshim_object *, PyImport_ImportModule, (const char *)) \
    X(hpyshim_object *, PyObject_GetAttrString, (hpyshim_object *, const char *)) \
    X(int, PyObject_HasAttrString, (hpyshim_object *, const char *)) \
    X(hpyshim_object *, PyObject_CallFunctionObjArgs, (hpyshim_object *, ...)) \
    X(int, PyObject_IsTrue, (hpyshim_object *)) \
    X(hpyshim_object *, PyUnicode_FromString, (const char *)) \
    X(hpyshim_object *, PyUnicode_FromFormat, (const char *, ...)) \
    X(const char *, PyUnicode_AsUTF8AndSize, (hpyshim_object *, hpyshim_ssize_t *)) \
    X(hpyshim_object *, PyUnicode_EncodeFSDefault, (hpyshim_object *)) \
    X(hpyshim_object *, PyUnicode_DecodeFSDefaultAndSize, (const char *, hpyshim_ssize_t)) \
    X(char *, PyBytes_AsString, (hpyshim_object *)) \
    X(hpyshim_ssize_t, PyBytes_Size, (hpyshim_object *)) \
    X(void, Py_IncRef, (hpyshim_object *)) \
    X(void, Py_DecRef, (hpyshim_object *)) \
    X(unsigned long, PyThread_get_thread_ident, (void))

/* Data symbols: each is the address of a PyObject* variable, except
   _Py_NoneStruct, which is None itself. */
#define HPYSHIM_DATA(X) \
    X(PyExc_ImportError) \
    X(PyExc_ModuleNotFoundError) \
    X(_Py_NoneStruct)

#define HPYSHIM_FIELD(ret, name, args) ret (*name) args;
#define HPYSHIM_DATA_FIELD(name) void *name;
typedef struct hpyshim_api {
    int resolved;
    HPYSHIM_FUNCTIONS(HPYSHIM_FIELD)
    HPYSHIM_DATA(HPYSHIM_DATA_FIELD)
} hpyshim_api;
#undef HPYSHIM_FIELD
#undef HPYSHIM_DATA_FIELD

/* Written only with the GIL held (PyInit_ and the create slot run with it),
   and every writer stores the same values. */
static hpyshim_api hpyshim_py;

#define HPYSHIM_EXC(name) (*(hpyshim_object **)hpyshim_py.name)
#define HPYSHIM_NONE ((hpyshim_object *)hpyshim_py._Py_NoneStruct)

#if defined(_WIN32)

typedef int (*hpyshim_isinit_fn)(void);
typedef BOOL (WINAPI *hpyshim_enum_fn)(HANDLE, HMODULE *, DWORD, LPDWORD);

/* A DLL qualifies when it exports the C API and its interpreter is running:
   a process can hold a second, idle Python DLL. */
HPYSHIM_FUNC int hpyshim_live_python(HMODULE h)
{
    FARPROC f;
    hpyshim_isinit_fn is_init;
    if (h == NULL)
        return 0;
    f = GetProcAddress(h, "Py_IsInitialized");
    if (f == NULL || GetProcAddress(h, "PyModuleDef_Init") == NULL)
        return 0;
    memcpy(&is_init, &f, sizeof is_init);
    return is_init() != 0;
}

HPYSHIM_FUNC HMODULE hpyshim_python_dll(void)
{
    static HMODULE found;
    static const char *const versioned[] = {
        "python3%d.dll", "python3%d_d.dll", "python3%dt.dll", "python3%dt_d.dll",
        "libpython3.%d.dll", NULL
    };
    static const char *const generic[] = {
        "python3.dll", "python3_d.dll", "python3t.dll", "libpython3.dll", NULL
    };
    char name[64];
    int minor, i;
    HMODULE kernel;
    FARPROC f;

    if (found != NULL)
        return found;
    /* The real python3X.dll first: python3.dll only forwards to it and is
       loaded only once some abi3 extension has been. */
    for (minor = 99; minor >= 0; minor--) {
        for (i = 0; versioned[i] != NULL; i++) {
            snprintf(name, sizeof name, versioned[i], minor);
            if (hpyshim_live_python(GetModuleHandleA(name)))
                return found = GetModuleHandleA(name);
        }
    }
    for (i = 0; generic[i] != NULL; i++) {
        if (hpyshim_live_python(GetModuleHandleA(generic[i])))
            return found = GetModuleHandleA(generic[i]);
    }
    /* Embedders may rename the DLL: look at every loaded module. The
       function is taken from kernel32 at run time so that no psapi import
       library is needed. */
    kernel = GetModuleHandleA("kernel32.dll");
    f = kernel != NULL ? GetProcAddress(kernel, "K32EnumProcessModules") : NULL;
    if (f != NULL) {
        hpyshim_enum_fn enum_modules;
        HMODULE mods[1024];
        DWORD needed = 0, n;
        memcpy(&enum_modules, &f, sizeof enum_modules);
        if (enum_modules(GetCurrentProcess(), mods, (DWORD)sizeof mods, &needed)) {
            n = needed / (DWORD)sizeof(HMODULE);
            if (n > (DWORD)(sizeof mods / sizeof mods[0]))
                n = (DWORD)(sizeof mods / sizeof mods[0]);
            for (i = 0; i < (int)n; i++) {
                if (hpyshim_live_python(mods[i]))
                    return found = mods[i];
            }
        }
    }
    return NULL;
}

HPYSHIM_FUNC void *hpyshim_sym(const char *name)
{
    HMODULE h = hpyshim_python_dll();
    FARPROC f;
    void *p;
    if (h == NULL)
        return NULL;
    f = GetProcAddress(h, name);
    memcpy(&p, &f, sizeof p);
    return p;
}

#else /* POSIX */

HPYSHIM_FUNC void *hpyshim_sym(const char *name)
{
#if defined(RTLD_DEFAULT)
    return dlsym(RTLD_DEFAULT, name);
#else
    /* glibc hides RTLD_DEFAULT unless _GNU_SOURCE came before the first
       system header, which this header cannot control; dlopen(NULL) gives
       the same global scope on every POSIX system. */
    static void *self;
    if (self == NULL)
        self = dlopen(NULL, RTLD_LAZY);
    return self != NULL ? dlsym(self, name) : NULL;
#endif
}

#endif /* _WIN32 */

/* Returns 0, or -1 with an ImportError set when the functions needed to set
   one were found, and with nothing set otherwise (CPython then raises
   SystemError: still no crash). */
HPYSHIM_FUNC int hpyshim_resolve(const char *ext)
{
    void *p;
    const char *missing = NULL;
    char msg[400]; /* holds the longest message below */

    if (hpyshim_py.resolved)
        return 0;
#define HPYSHIM_LOAD_FN(ret, name, args) \
    if (missing == NULL) { \
        p = hpyshim_sym(#name); \
        if (p == NULL) \
            missing = #name; \
        else \
            memcpy(&hpyshim_py.name, &p, sizeof p); \
    }
#define HPYSHIM_LOAD_DATA(name) \
    if (missing == NULL) { \
        hpyshim_py.name = hpyshim_sym(#name); \
        if (hpyshim_py.name == NULL) \
            missing = #name; \
    }
    /* PyExc_ImportError before the rest, so that it can be raised. */
    HPYSHIM_LOAD_DATA(PyExc_ImportError)
    HPYSHIM_FUNCTIONS(HPYSHIM_LOAD_FN)
    HPYSHIM_DATA(HPYSHIM_LOAD_DATA)
#undef HPYSHIM_LOAD_FN
#undef HPYSHIM_LOAD_DATA
    if (missing == NULL) {
        hpyshim_py.resolved = 1;
        return 0;
    }
    if (hpyshim_py.PyExc_ImportError != NULL && hpyshim_py.PyErr_SetString != NULL) {
        snprintf(msg, sizeof msg,
                 "%.100s: the CPython function %.100s was not found at run time "
                 "(HPy CPython entrypoint); this interpreter does not provide "
                 "the CPython C API", ext, missing);
        hpyshim_py.PyErr_SetString(HPYSHIM_EXC(PyExc_ImportError), msg);
    }
    return -1;
}

/* ---- errors ------------------------------------------------------------- */

/* Raises ImportError(msg, name=name, path=path) and chains the pending
   exception, if any, as its __cause__ so the root error stays visible.
   Steals msg; does nothing more when msg is NULL (its error stays set). */
HPYSHIM_FUNC void hpyshim_raise(hpyshim_object *msg, hpyshim_object *name, hpyshim_object *path)
{
    hpyshim_object *ct = NULL, *cv = NULL, *ctb = NULL;
    hpyshim_object *t = NULL, *v = NULL, *tb = NULL;

    if (msg == NULL)
        return;
    if (hpyshim_py.PyErr_Occurred() != NULL) {
        hpyshim_py.PyErr_Fetch(&ct, &cv, &ctb);
        hpyshim_py.PyErr_NormalizeException(&ct, &cv, &ctb);
        if (cv != NULL && ctb != NULL)
            hpyshim_py.PyException_SetTraceback(cv, ctb);
    }
    hpyshim_py.PyErr_SetImportError(msg, name, path);
    hpyshim_py.Py_DecRef(msg);
    if (cv != NULL) {
        hpyshim_py.PyErr_Fetch(&t, &v, &tb);
        hpyshim_py.PyErr_NormalizeException(&t, &v, &tb);
        if (v != NULL) {
            hpyshim_py.PyException_SetCause(v, cv); /* steals cv */
            cv = NULL;
        }
        hpyshim_py.PyErr_Restore(t, v, tb);
    }
    hpyshim_py.Py_DecRef(ct);
    hpyshim_py.Py_DecRef(cv);
    hpyshim_py.Py_DecRef(ctb);
}

/* Is the pending error "No module named 'hpy'" (or 'hpy.universal')? Any
   other failure inside hpy, e.g. a build for another Python, must reach the
   user unchanged. Leaves the error set. */
HPYSHIM_FUNC int hpyshim_hpy_missing(void)
{
    hpyshim_object *t = NULL, *v = NULL, *tb = NULL, *n;
    const char *s;
    int missing = 0;

    if (!hpyshim_py.PyErr_ExceptionMatches(HPYSHIM_EXC(PyExc_ModuleNotFoundError)))
        return 0;
    hpyshim_py.PyErr_Fetch(&t, &v, &tb);
    hpyshim_py.PyErr_NormalizeException(&t, &v, &tb);
    n = v != NULL ? hpyshim_py.PyObject_GetAttrString(v, "name") : NULL;
    s = n != NULL && n != HPYSHIM_NONE ? hpyshim_py.PyUnicode_AsUTF8AndSize(n, NULL) : NULL;
    if (s != NULL)
        missing = strcmp(s, "hpy") == 0 || strcmp(s, "hpy.universal") == 0;
    hpyshim_py.Py_DecRef(n);
    hpyshim_py.PyErr_Clear(); /* from the name look-up, if it failed */
    hpyshim_py.PyErr_Restore(t, v, tb);
    return missing;
}

/* The object layout differs in free-threaded builds (3.13t+), where the
   static definition would be misread: refuse before PyModuleDef_Init.
   sys.abiflags exists on POSIX (and on Windows from 3.14); elsewhere ask
   sysconfig for Py_GIL_DISABLED. */
HPYSHIM_FUNC int hpyshim_reject_free_threaded(const char *ext)
{
    hpyshim_object *mod, *val = NULL, *fn, *arg;
    const char *flags;
    int threaded = -1;

    mod = hpyshim_py.PyImport_ImportModule("sys");
    if (mod == NULL)
        return -1;
    if (hpyshim_py.PyObject_HasAttrString(mod, "abiflags")) {
        val = hpyshim_py.PyObject_GetAttrString(mod, "abiflags");
        flags = val != NULL ? hpyshim_py.PyUnicode_AsUTF8AndSize(val, NULL) : NULL;
        if (flags != NULL)
            threaded = strchr(flags, 't') != NULL;
        hpyshim_py.Py_DecRef(mod);
    } else {
        hpyshim_py.Py_DecRef(mod);
        mod = hpyshim_py.PyImport_ImportModule("sysconfig");
        fn = mod != NULL ? hpyshim_py.PyObject_GetAttrString(mod, "get_config_var") : NULL;
        arg = fn != NULL ? hpyshim_py.PyUnicode_FromString("Py_GIL_DISABLED") : NULL;
        val = arg != NULL ? hpyshim_py.PyObject_CallFunctionObjArgs(fn, arg, NULL) : NULL;
        if (val != NULL)
            threaded = hpyshim_py.PyObject_IsTrue(val);
        hpyshim_py.Py_DecRef(arg);
        hpyshim_py.Py_DecRef(fn);
        hpyshim_py.Py_DecRef(mod);
    }
    hpyshim_py.Py_DecRef(val);
    if (threaded < 0)
        return -1;
    if (threaded) {
        hpyshim_raise(hpyshim_py.PyUnicode_FromFormat(
                          "%s is an HPy universal extension, and its CPython entrypoint "
                          "supports only CPython builds with the GIL; this one is "
                          "free-threaded", ext),
                      NULL, NULL);
        return -1;
    }
    return 0;
}

/* ---- re-entry guard ------------------------------------------------------ */

/* A module whose exec slot imports itself re-enters the create slot before
   importlib has put it in sys.modules, and would recurse until a
   RecursionError or a crash. Every create call registers (name, thread) on
   a list of stack nodes; a second entry on the same thread is a circular
   import. Other threads may legitimately create the same module at once
   (importlib.util.module_from_spec), so the thread is part of the key. The
   GIL protects the list: nothing between look-up and insertion releases it. */
typedef struct hpyshim_guard {
    struct hpyshim_guard *next;
    const char *name;
    unsigned long thread;
} hpyshim_guard;

static hpyshim_guard *hpyshim_guards;

HPYSHIM_FUNC int hpyshim_guard_enter(hpyshim_guard *g, const char *name)
{
    hpyshim_guard *it;
    g->name = name;
    g->thread = hpyshim_py.PyThread_get_thread_ident();
    for (it = hpyshim_guards; it != NULL; it = it->next) {
        if (it->thread == g->thread && strcmp(it->name, name) == 0)
            return -1;
    }
    g->next = hpyshim_guards;
    hpyshim_guards = g;
    return 0;
}

/* Other threads push and pop in between, so g need not be the head. */
HPYSHIM_FUNC void hpyshim_guard_leave(hpyshim_guard *g)
{
    hpyshim_guard **it;
    for (it = &hpyshim_guards; *it != NULL; it = &(*it)->next) {
        if (*it == g) {
            *it = g->next;
            return;
        }
    }
}

/* ---- the binary to hand to hpy.universal -------------------------------- */

/* Does this file name carry ".hpy<digit>", the tag hpy.universal checks? */
HPYSHIM_FUNC int hpyshim_has_abi_tag(const char *base)
{
    const char *s = base;
    while ((s = strstr(s, ".hpy")) != NULL) {
        s += 4;
        if (*s >= '0' && *s <= '9')
            return 1;
    }
    return 0;
}

/* spec.origin itself when its name carries the ABI tag (CPython taught the
   tag, or a spec made by hand); else the sibling <stem>.hpy0<ext>: CPython
   found "pof.so", "pof.abi3.so" or "pof.cpython-311-x86_64-linux-gnu.so",
   and hpy.universal only loads "pof.hpy0.so". Returns a new reference, or
   NULL with an ImportError set. */
HPYSHIM_FUNC hpyshim_object *hpyshim_binary_path(hpyshim_object *spec, hpyshim_object *name)
{
    hpyshim_object *origin, *raw = NULL, *path = NULL, *ospath = NULL;
    hpyshim_object *isfile = NULL, *exists = NULL;
    const char *o, *base, *dot, *ext;
    char *buf = NULL;
    size_t dirlen, stemlen, extlen, taglen = strlen(HPYSHIM_ABI_TAG);
    int ok;

    origin = hpyshim_py.PyObject_GetAttrString(spec, "origin");
    if (origin == NULL)
        return NULL;
    if (origin == HPYSHIM_NONE) {
        hpyshim_raise(hpyshim_py.PyUnicode_FromFormat(
                          "cannot locate the HPy universal binary of %U: its "
                          "module spec has no origin", name),
                      name, NULL);
        goto done;
    }
    /* Bytes in the file system encoding, so that undecodable names survive. */
    raw = hpyshim_py.PyUnicode_EncodeFSDefault(origin);
    o = raw != NULL ? hpyshim_py.PyBytes_AsString(raw) : NULL;
    if (o == NULL)
        goto done;
    base = o;
    for (ext = o; *ext != '\0'; ext++) {
#if defined(_WIN32)
        if (*ext == '/' || *ext == '\\' || *ext == ':')
#else
        if (*ext == '/')
#endif
            base = ext + 1;
    }
    if (hpyshim_has_abi_tag(base)) {
        hpyshim_py.Py_IncRef(origin);
        path = origin;
        goto done;
    }
    dot = strchr(base, '.');
    stemlen = dot != NULL ? (size_t)(dot - base) : strlen(base);
    ext = strrchr(base, '.');
    if (ext == NULL)
        ext = base + strlen(base);
    dirlen = (size_t)(base - o);
    extlen = strlen(ext);
    buf = (char *)malloc(dirlen + stemlen + taglen + extlen + 1);
    if (buf == NULL) {
        hpyshim_raise(hpyshim_py.PyUnicode_FromFormat("out of memory while importing %U", name),
                      name, NULL);
        goto done;
    }
    memcpy(buf, o, dirlen + stemlen);
    memcpy(buf + dirlen + stemlen, HPYSHIM_ABI_TAG, taglen);
    memcpy(buf + dirlen + stemlen + taglen, ext, extlen + 1);
    path = hpyshim_py.PyUnicode_DecodeFSDefaultAndSize(
        buf, (hpyshim_ssize_t)(dirlen + stemlen + taglen + extlen));
    if (path == NULL)
        goto done;

    ospath = hpyshim_py.PyImport_ImportModule("os.path");
    isfile = ospath != NULL ? hpyshim_py.PyObject_GetAttrString(ospath, "isfile") : NULL;
    exists = isfile != NULL ? hpyshim_py.PyObject_CallFunctionObjArgs(isfile, path, NULL) : NULL;
    ok = exists != NULL ? hpyshim_py.PyObject_IsTrue(exists) : -1;
    if (ok == 0) {
        hpyshim_raise(hpyshim_py.PyUnicode_FromFormat(
                          "%U is an HPy universal extension, but '%U' does not exist: "
                          "hpy.universal only loads files whose name carries the "
                          "%s ABI tag, so it needs that file beside '%U'",
                          name, path, HPYSHIM_ABI_TAG, origin),
                      name, path);
    }
    if (ok != 1) {
        hpyshim_py.Py_DecRef(path);
        path = NULL;
    }
done:
    free(buf);
    hpyshim_py.Py_DecRef(exists);
    hpyshim_py.Py_DecRef(isfile);
    hpyshim_py.Py_DecRef(ospath);
    hpyshim_py.Py_DecRef(raw);
    hpyshim_py.Py_DecRef(origin);
    return path;
}

/* ---- loading ------------------------------------------------------------ */

/* hpy.universal._load_bootstrap is what hpy's own .py stub calls: it honours
   HPY=debug|trace and HPY_LOG, and sets __file__ and friends. Older hpy
   releases lack it; their load() has the (name, path, spec) signature. */
HPYSHIM_FUNC hpyshim_object *hpyshim_call_loader(hpyshim_object *universal, const char *ext,
                                                 hpyshim_object *spec, hpyshim_object *name,
                                                 hpyshim_object *path)
{
    hpyshim_object *fn, *os = NULL, *environ = NULL, *package = NULL;
    hpyshim_object *loader = NULL, *shortname = NULL, *result = NULL;

    if (!hpyshim_py.PyObject_HasAttrString(universal, "_load_bootstrap")) {
        fn = hpyshim_py.PyObject_GetAttrString(universal, "load");
        if (fn == NULL)
            return NULL;
        result = hpyshim_py.PyObject_CallFunctionObjArgs(fn, name, path, spec, NULL);
        hpyshim_py.Py_DecRef(fn);
        return result;
    }
    fn = hpyshim_py.PyObject_GetAttrString(universal, "_load_bootstrap");
    if (fn == NULL)
        goto done;
    if ((os = hpyshim_py.PyImport_ImportModule("os")) == NULL)
        goto done;
    if ((environ = hpyshim_py.PyObject_GetAttrString(os, "environ")) == NULL)
        goto done;
    if ((package = hpyshim_py.PyObject_GetAttrString(spec, "parent")) == NULL)
        goto done;
    if ((loader = hpyshim_py.PyObject_GetAttrString(spec, "loader")) == NULL)
        goto done;
    if ((shortname = hpyshim_py.PyUnicode_FromString(ext)) == NULL)
        goto done;
    result = hpyshim_py.PyObject_CallFunctionObjArgs(fn, shortname, name, package, path,
                                                     loader, spec, environ, NULL);
done:
    hpyshim_py.Py_DecRef(shortname);
    hpyshim_py.Py_DecRef(loader);
    hpyshim_py.Py_DecRef(package);
    hpyshim_py.Py_DecRef(environ);
    hpyshim_py.Py_DecRef(os);
    hpyshim_py.Py_DecRef(fn);
    return result;
}

/* The Py_mod_create slot: every exit below "entered" passes through
   hpyshim_guard_leave. */
HPYSHIM_FUNC hpyshim_object *hpyshim_create(hpyshim_object *spec, const char *ext)
{
    hpyshim_object *name, *universal = NULL, *path = NULL, *result = NULL;
    const char *cname;
    hpyshim_guard guard;

    if (hpyshim_resolve(ext) < 0)
        return NULL;
    name = hpyshim_py.PyObject_GetAttrString(spec, "name");
    if (name == NULL)
        return NULL;
    cname = hpyshim_py.PyUnicode_AsUTF8AndSize(name, NULL);
    if (cname == NULL) {
        hpyshim_py.Py_DecRef(name);
        return NULL;
    }
    if (hpyshim_guard_enter(&guard, cname) < 0) {
        hpyshim_raise(hpyshim_py.PyUnicode_FromFormat(
                          "circular import of %U during its initialisation", name),
                      name, NULL);
        hpyshim_py.Py_DecRef(name);
        return NULL;
    }

    universal = hpyshim_py.PyImport_ImportModule("hpy.universal");
    if (universal == NULL) {
        if (hpyshim_hpy_missing())
            hpyshim_raise(hpyshim_py.PyUnicode_FromFormat(
                              "%U is an HPy universal extension; install the 'hpy' "
                              "package to import it on CPython", name),
                          name, NULL);
        goto done;
    }
    path = hpyshim_binary_path(spec, name);
    if (path == NULL)
        goto done;
    result = hpyshim_call_loader(universal, ext, spec, name, path);
done:
    hpyshim_guard_leave(&guard);
    hpyshim_py.Py_DecRef(path);
    hpyshim_py.Py_DecRef(universal);
    hpyshim_py.Py_DecRef(name);
    return result;
}

/* PyInit_<ext>: refuse what would crash, then hand over the definition. The
   slot gets its function here, not in a static initialiser, because ISO C
   and C++ have no conversion from a function pointer to void *. */
HPYSHIM_FUNC hpyshim_object *hpyshim_init(hpyshim_moduledef *def, hpyshim_createfunc create,
                                          const char *ext)
{
    if (hpyshim_resolve(ext) < 0)
        return NULL;
    if (hpyshim_reject_free_threaded(ext) < 0)
        return NULL;
    memcpy(&def->m_slots[0].value, &create, sizeof create);
    return hpyshim_py.PyModuleDef_Init(def);
}

/* PEP 793 (CPython 3.15) adds the export hook PyModExport_<ext>, which CPython
   prefers over PyInit_<ext>. As the PEP was accepted, it returns a static
   PyModuleDef_Slot array; this one holds a single Py_mod_create slot with the
   same create function (its def argument is then NULL, which it ignores) and
   no PyObject at all, so it would even be safe on free-threaded builds. The
   3.15 alphas changed the slot type (PySlot, Py_mod_abi), and no 3.15 could be
   tried here, so it stays off unless HPY_CPYTHON_ENTRYPOINT_PEP793 is
   defined. The cast below is what CPython's own slot initialisers do. */
#if defined(HPY_CPYTHON_ENTRYPOINT_PEP793)
#  define HPYSHIM_EXPORT_HOOK(ext) \
    static hpyshim_slot hpyshim_export_slots_##ext[] = { \
        {HPYSHIM_MOD_CREATE, (void *)hpyshim_create_##ext}, {0, NULL}}; \
    HPYSHIM_EXTERN_C HPYSHIM_EXPORT hpyshim_slot *PyModExport_##ext(void); \
    hpyshim_slot *PyModExport_##ext(void) \
    { \
        return hpyshim_export_slots_##ext; \
    }
#else
#  define HPYSHIM_EXPORT_HOOK(ext)
#endif

#define HPY_CPYTHON_ENTRYPOINT(ext) \
    static hpyshim_object *hpyshim_create_##ext(hpyshim_object *spec, hpyshim_moduledef *def) \
    { \
        (void)def; \
        return hpyshim_create(spec, #ext); \
    } \
    static hpyshim_slot hpyshim_slots_##ext[] = {{HPYSHIM_MOD_CREATE, NULL}, {0, NULL}}; \
    static hpyshim_moduledef hpyshim_def_##ext = { \
        HPYSHIM_MODULEDEF_HEAD_INIT, #ext, NULL, 0, NULL, hpyshim_slots_##ext, NULL, NULL, NULL}; \
    HPYSHIM_EXTERN_C HPYSHIM_EXPORT hpyshim_object *PyInit_##ext(void); \
    hpyshim_object *PyInit_##ext(void) \
    { \
        return hpyshim_init(&hpyshim_def_##ext, hpyshim_create_##ext, #ext); \
    } \
    HPYSHIM_EXPORT_HOOK(ext)

#endif /* HPY_ABI_CPYTHON */
#endif /* HPY_CPYTHON_ENTRYPOINT_H */
