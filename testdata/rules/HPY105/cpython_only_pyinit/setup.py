from setuptools import setup, Extension

setup(name="guarded", hpy_abi="universal", hpy_ext_modules=[Extension("guarded", sources=["guarded.c"])])
