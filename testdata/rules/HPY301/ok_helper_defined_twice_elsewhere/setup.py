from setuptools import setup, Extension

# support/ is built by build_clib and linked in: the extension's own
# source list names only calendar.c.
setup(
    name="calendar",
    hpy_abi="hybrid",
    libraries=[("support", {"sources": ["support/loader.c"]})],
    hpy_ext_modules=[Extension("calendar", ["calendar.c"], libraries=["support"])],
)
