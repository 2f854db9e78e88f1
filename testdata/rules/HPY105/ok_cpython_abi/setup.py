from setuptools import setup, Extension

# cpython mode: HPy_MODINIT defines PyInit_cpy itself.
setup(name="cpy", hpy_ext_modules=[Extension("cpy", sources=["cpy.c"])])
