from setuptools import setup, Extension

setup(name="ex_a", hpy_ext_modules=[Extension("ex_a", ["ex_a.c"])])
