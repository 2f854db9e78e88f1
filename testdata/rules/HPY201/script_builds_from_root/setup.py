from setuptools import setup, Extension

setup(name="rooted", hpy_ext_modules=[Extension("rooted", ["rooted.c"])])
