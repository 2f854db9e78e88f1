from setuptools import setup, Extension

setup(
    name="vec",
    hpy_ext_modules=[Extension("vec", ["vec.c"])],
    # A plain CPython extension of the same project: not HPy code, so not
    # reported even though it uses the same macro.
    ext_modules=[Extension("vec_legacy", ["legacy.c"])],
)
