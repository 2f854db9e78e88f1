import sys
from setuptools import setup, Extension

sys.argv.insert(1, "--hpy-abi=universal")

setup(name="opaque", hpy_ext_modules=[Extension("opaque", sources=["opaque.c"])])
