from setuptools import setup, Extension

setup(name="legacy", hpy_abi="universal", hpy_ext_modules=[Extension("legacy", ["legacy.c"])])
