from setuptools import setup, Extension

setup(name="broken", hpy_ext_modules=[Extension("broken", ["broken.c"])]
