from setuptools import setup, Extension

setup(name="calc", hpy_ext_modules=[Extension("calc._calc", ["calc.c"])])  # want "HPY209"
