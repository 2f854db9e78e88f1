import sys
from setuptools import setup, Extension

# Hybrid: CPython objects are allowed.
sys.argv.insert(1, "--hpy-abi=hybrid")

setup(
    name="histo",
    hpy_ext_modules=[Extension("histo", sources=["src/histo.c"])],
)
