from setuptools import setup, Extension

setup(
    name="tally",
    hpy_abi="universal",
    hpy_ext_modules=[Extension("tally", sources=["src/tally.c"])],
)
