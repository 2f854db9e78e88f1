from setuptools import setup, Extension

setup(
    name="meter",
    hpy_abi="universal",
    hpy_ext_modules=[Extension("meter", sources=["meter.c"])],
)
