from setuptools import setup, Extension

setup(name="demo", hpy_ext_modules=[Extension("demo", ["demo.c"])])
