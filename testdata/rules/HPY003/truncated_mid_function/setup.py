from setuptools import setup, Extension

setup(name="cut", hpy_ext_modules=[Extension("cut", ["cut.c"])])
