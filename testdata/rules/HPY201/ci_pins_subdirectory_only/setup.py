from setuptools import setup, Extension

setup(name="core", hpy_ext_modules=[Extension("core", ["core.c"])])
