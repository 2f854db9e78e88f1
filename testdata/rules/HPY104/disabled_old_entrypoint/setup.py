from setuptools import setup, Extension

setup(name="counter", hpy_abi="universal", hpy_ext_modules=[Extension("counter", ["counter.c"])])
