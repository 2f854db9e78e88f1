from setuptools import setup, Extension

setup(name="dual", hpy_abi="universal", hpy_ext_modules=[Extension("dual", ["dual.c"])])
