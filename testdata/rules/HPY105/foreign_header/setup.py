from setuptools import setup, Extension

setup(name="own", hpy_abi="universal", hpy_ext_modules=[Extension("own", sources=["own.c"])])
