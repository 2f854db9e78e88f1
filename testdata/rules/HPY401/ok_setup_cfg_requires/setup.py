from setuptools import setup, Extension

setup(hpy_ext_modules=[Extension("cfgstyle", ["cfgstyle.c"])])
