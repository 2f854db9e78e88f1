from setuptools import setup, Extension

setup(name="dup", hpy_ext_modules=[Extension("dup", sources=["a.c", "b.c"])])
