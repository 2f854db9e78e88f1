from setuptools import setup, Extension

# No hpy_abi, no --hpy-abi anywhere: hpy.devel builds cpython on CPython
# (HPy_MODINIT defines PyInit_ itself) and universal on PyPy and GraalPy.
setup(name="plainport", hpy_ext_modules=[Extension("plainport", ["plainport.c"])])
