from setuptools import setup, Extension

setup(name="cpy", hpy_ext_modules=[Extension("cpy", ["cpy.c"])])
