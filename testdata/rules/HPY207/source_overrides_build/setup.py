from setuptools import setup, Extension

setup(name="overrider", hpy_ext_modules=[Extension("overrider", ["overrider.c"])])
