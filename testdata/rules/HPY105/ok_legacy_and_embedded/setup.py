from setuptools import setup, Extension

setup(
    name="odd",
    hpy_ext_modules=[
        Extension("legacy", sources=["legacy.c"]),
        Extension("bundle", sources=["bundle.c"], define_macros=[("HPY_EMBEDDED_MODULES", None)]),
    ],
)
