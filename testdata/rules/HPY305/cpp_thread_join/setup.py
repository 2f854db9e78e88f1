from setuptools import setup, Extension

setup(name="solver", hpy_ext_modules=[Extension("solver", ["solver.cpp"])])
