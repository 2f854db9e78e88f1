from setuptools import setup, Extension

setup(name="gen", hpy_ext_modules=[Extension("gen", sources=["gen.c"])])
