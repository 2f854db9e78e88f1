from setuptools import setup, Extension

setup(
    name="speedups",
    packages=["speedups"],
    hpy_ext_modules=[Extension("speedups._speedups", sources=["src/speedups.c"])],
)
