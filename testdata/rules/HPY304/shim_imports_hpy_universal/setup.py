from setuptools import setup, Extension

setup(name="pof", hpy_ext_modules=[Extension("pof", ["pof.c", "shim.c"])])
