from setuptools import setup, Extension

# hpylint: ignore HPY403
setup(name="mal", hpy_ext_modules=[Extension("mal", ["mal.c"])])
