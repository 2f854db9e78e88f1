from setuptools import setup, Extension

setup(
    name="demo",
    setup_requires=["hpy"],
    hpy_ext_modules=[Extension("demo._demo", sources=["demo.c"])],
)
