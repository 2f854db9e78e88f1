from setuptools import setup, Extension

setup(name="pinned", hpy_ext_modules=[Extension("pinned", ["pinned.c"])])
