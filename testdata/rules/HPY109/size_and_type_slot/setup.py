from setuptools import setup, Extension

setup(name="bad", hpy_ext_modules=[Extension("bad", ["bad.c"])])
