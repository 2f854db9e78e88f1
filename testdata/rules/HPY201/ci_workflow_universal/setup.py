from setuptools import setup, Extension

setup(name="wheely", hpy_ext_modules=[Extension("wheely", ["wheely.c"])])
