/* The project's own entrypoint macro under the same file name: not
   hpylint's to judge. */
#define HPY_CPYTHON_ENTRYPOINT(ext)
