from setuptools import setup, Extension

setup(name="sup", hpy_ext_modules=[Extension("pkg.sup", ["sup.c"])])  # hpylint: ignore[HPY403]  want "HPY001"
