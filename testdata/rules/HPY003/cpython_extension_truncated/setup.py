from setuptools import setup, Extension

setup(
    name="mixed",
    hpy_ext_modules=[Extension("mixed", ["mixed.c"])],
    # A plain CPython extension of the same project: not HPy code.
    ext_modules=[Extension("legacy", ["legacy.c"])],
)
