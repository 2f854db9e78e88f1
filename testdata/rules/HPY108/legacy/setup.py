from setuptools import setup, Extension

setup(name="old", hpy_ext_modules=[Extension("old", ["old.c"])])
