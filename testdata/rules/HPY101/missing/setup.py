from setuptools import setup, Extension

setup(
    name="fastpkg",
    hpy_ext_modules=[
        Extension("fastpkg.fast", sources=["fast.c"]),  # want "HPY101"
    ],
)
