from setuptools import setup, Extension

setup(
    name="pkg",
    packages=["pkg"],
    setup_requires=["hpy"],
    hpy_ext_modules=[
        Extension("pkg._speedups", sources=["src/speedups.c"]),
    ],
    hpy_abi="universal",
)
