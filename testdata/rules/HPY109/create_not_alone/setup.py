from setuptools import setup, Extension

setup(name="cr", hpy_ext_modules=[Extension("cr", ["cr.c"])])
