from setuptools import setup, Extension

setup(name="typo", hpy_ext_modules=[Extension("typo", ["typo.c"])])
