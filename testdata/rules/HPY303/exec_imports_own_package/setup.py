from setuptools import setup, Extension

setup(
    name="pkg",
    packages=["pkg", "pkg.sub"],
    hpy_ext_modules=[Extension("pkg.sub._speedups", sources=["src/speedups.c"])],
)
