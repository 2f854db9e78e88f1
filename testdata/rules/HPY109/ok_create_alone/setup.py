from setuptools import setup, Extension

setup(name="alone", hpy_ext_modules=[Extension("alone", ["alone.c"])])
