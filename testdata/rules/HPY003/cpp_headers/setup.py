import sys
from setuptools import setup, Extension

# Always build one binary for every interpreter.
sys.argv.insert(1, "--hpy-abi=universal")

setup(
    name="boxes",
    hpy_ext_modules=[Extension("boxes", sources=["src/boxes.cpp"], language="c++")],
)
