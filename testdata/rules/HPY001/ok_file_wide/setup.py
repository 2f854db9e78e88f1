from setuptools import setup, Extension

setup(name="wide", hpy_ext_modules=[Extension("pkg.wide", ["wide.c"])])
