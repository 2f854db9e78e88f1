from setuptools import setup, Extension

speedups = Extension('pkg._speedups', sources=['src/speedups.c'])

setup(name="pkg", hpy_ext_modules=[speedups])
