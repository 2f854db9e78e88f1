from setuptools import setup, Extension

setup(
    name="fastmath",
    hpy_ext_modules=[
        Extension("fastmath._fast", sources=["src/fast.c"], include_dirs=["include"]),
    ],
)
