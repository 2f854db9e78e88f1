from setuptools import setup, Extension

setup(name="maked", hpy_ext_modules=[Extension("maked", ["maked.c"])])
