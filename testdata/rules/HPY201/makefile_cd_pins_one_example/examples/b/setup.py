from setuptools import setup, Extension

setup(name="ex_b", hpy_ext_modules=[Extension("ex_b", ["ex_b.c"])])
