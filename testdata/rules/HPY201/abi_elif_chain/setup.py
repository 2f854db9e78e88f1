from setuptools import setup, Extension

setup(name="chain", hpy_abi="universal", hpy_ext_modules=[Extension("chain", ["chain.c"])])
