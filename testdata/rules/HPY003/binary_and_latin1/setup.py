from setuptools import setup, Extension

setup(name="bin", hpy_ext_modules=[Extension("bin", ["bin.c", "latin.c", "utf16.c"])])
