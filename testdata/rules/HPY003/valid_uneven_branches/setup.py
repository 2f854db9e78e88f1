from setuptools import setup, Extension

setup(name="grid", hpy_ext_modules=[Extension("grid", ["grid.c"])])
