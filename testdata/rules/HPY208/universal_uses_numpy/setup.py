import sys
from setuptools import setup, Extension

# One binary for every interpreter.
sys.argv.insert(1, "--hpy-abi=universal")

setup(
    name="histo",
    hpy_ext_modules=[Extension("histo", sources=["src/histo.c"])],
)
