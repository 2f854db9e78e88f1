from setuptools import setup, Extension

setup(
    name="bare",
    hpy_ext_modules=[Extension("bare", ["bare.c"])],  # want "HPY401"
)
