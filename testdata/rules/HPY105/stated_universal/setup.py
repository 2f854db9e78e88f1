from setuptools import setup, Extension

setup(name="stated", hpy_ext_modules=[Extension("stated", ["stated.c"])])
