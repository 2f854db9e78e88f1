from setuptools import setup, Extension

setup(name="good", hpy_ext_modules=[Extension("good", ["good.c"])])
