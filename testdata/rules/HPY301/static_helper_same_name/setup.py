from setuptools import setup, Extension

setup(name="shapes", hpy_ext_modules=[Extension("shapes", ["shapes.c", "circle.c", "square.c"])])
