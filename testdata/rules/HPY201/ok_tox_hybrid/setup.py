from setuptools import setup, Extension

setup(name="toxed", hpy_ext_modules=[Extension("toxed", ["toxed.c"])])
