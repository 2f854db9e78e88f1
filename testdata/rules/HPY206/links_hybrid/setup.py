import sys
from setuptools import setup, Extension

sys.argv.insert(1, "--hpy-abi=hybrid")

setup(name="hyb", hpy_ext_modules=[Extension("hyb", sources=["hyb.c"])])
