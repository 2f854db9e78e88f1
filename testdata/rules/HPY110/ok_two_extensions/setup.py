from setuptools import setup, Extension

setup(name="two", hpy_ext_modules=[
    Extension("two.one", ["one.c"]),
    Extension("two.other", ["other.c"]),
])
