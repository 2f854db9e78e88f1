from setuptools import setup, Extension

setup(name="shapes", hpy_ext_modules=[Extension("shapes", ["point.c", "vector.c", "shapes.c"])])
