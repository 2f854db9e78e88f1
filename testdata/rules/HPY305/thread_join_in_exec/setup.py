from setuptools import setup, Extension

setup(name="cache", hpy_ext_modules=[Extension("cache", ["cache.c", "warm.c"])])
