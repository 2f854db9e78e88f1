from setuptools import setup, Extension

setup(name="ticker", hpy_ext_modules=[Extension("ticker", ["ticker.c"])])
