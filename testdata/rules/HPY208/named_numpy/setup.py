import sys
from setuptools import setup, Extension

sys.argv.insert(1, "--hpy-abi=universal")

setup(
    hpy_ext_modules=[Extension("numpy._helpers", sources=["src/helpers.c"])],
)
