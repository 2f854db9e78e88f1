import sys
from setuptools import setup, Extension

sys.argv.insert(1, "--hpy-abi=universal")

setup(
    name="tally",
    hpy_ext_modules=[Extension("tally", sources=["src/tally.c"], define_macros=[("TALLY_FAST", None)])],
)
