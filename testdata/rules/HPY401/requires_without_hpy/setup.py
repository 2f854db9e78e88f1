from setuptools import setup, Extension

setup(hpy_ext_modules=[Extension("needs_hpy", ["needs_hpy.c"])])
