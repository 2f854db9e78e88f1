from setuptools import setup, Extension

setup(
    name="pkg",
    packages=["pkg"],
    hpy_ext_modules=[Extension("pkg._native", sources=["src/module.c", "src/prepare.c"])],
)
