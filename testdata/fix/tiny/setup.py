from setuptools import setup, Extension

setup(
    name="tiny",
    hpy_abi="universal",
    hpy_ext_modules=[
        Extension("tiny", sources=["tiny.c"]),
        Extension("handwritten", sources=["handwritten.c"]),
    ],
)
