from setuptools import setup, Extension

setup(name="app", hpy_ext_modules=[Extension("app", ["app.c", "walk.c"])])
