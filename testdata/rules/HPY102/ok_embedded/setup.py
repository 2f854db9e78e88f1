from setuptools import setup, Extension

setup(name="bundle", hpy_ext_modules=[Extension("bundle", ["bundle.c"])])
