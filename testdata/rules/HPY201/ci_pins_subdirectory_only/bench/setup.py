from setuptools import setup, Extension

setup(name="bench", hpy_ext_modules=[Extension("bench", ["bench.c"])])
