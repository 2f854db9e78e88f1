from setuptools import setup, Extension

setup(name="dashed", hpy_ext_modules=[Extension("dashed.my-mod", ["my_mod.c"])])
