from setuptools import setup, Extension

setup(name="fastmath", hpy_ext_modules=[Extension("fastmath._fast", sources=["fast.c"])])
