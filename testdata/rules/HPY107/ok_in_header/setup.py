from setuptools import setup, Extension

setup(name="hdr", hpy_ext_modules=[Extension("hdr", ["src/hdr.c", "src/moddef.c"])])
