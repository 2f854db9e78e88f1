from setuptools import setup, Extension

setup(
    name="ujson-port",
    hpy_abi="universal",
    hpy_ext_modules=[
        Extension("ujson", sources=["src/ujson.c"], include_dirs=["include"]),
    ],
)
