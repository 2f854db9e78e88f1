from setuptools import setup, Extension

setup(
    name="old-style",
    setup_requires=["hpy>=0.9"],
    hpy_ext_modules=[Extension("oldstyle", ["oldstyle.c"])],
)
