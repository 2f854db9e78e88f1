from setuptools import setup, Extension

setup(name="mod", hpy_ext_modules=[Extension("mod", sources=["mod.c"])])
