import sys
from setuptools import setup, Extension

# One binary for every interpreter.
sys.argv.insert(1, "--hpy-abi=universal")

setup(
    name="gadgets",
    hpy_ext_modules=[Extension("gadgets", sources=["src/gadgets.c"])],
)
