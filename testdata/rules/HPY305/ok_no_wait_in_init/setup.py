from setuptools import setup, Extension

setup(name="pool", hpy_ext_modules=[Extension("pool", ["pool.c"])])
