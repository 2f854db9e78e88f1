from setuptools import setup, Extension

setup(
    name="shapes",
    hpy_abi="universal",
    hpy_ext_modules=[Extension("shapes", ["shapes.c"])],
)
