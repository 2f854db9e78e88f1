from setuptools import setup, Extension

setup(
    name="twofiles",
    hpy_ext_modules=[
        Extension("twofiles", sources=["helpers.c", "module.c"]),
    ],
)
