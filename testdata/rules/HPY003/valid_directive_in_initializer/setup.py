from setuptools import setup, Extension

setup(name="codecs2", hpy_ext_modules=[Extension("codecs2", ["codecs2.c"])])
