import sys
from setuptools import setup, Extension

sys.argv.insert(1, "--hpy-abi=universal")

setup(
    name="arraycore",
    hpy_ext_modules=[Extension("arraycore._core", sources=["src/coremodule.c", "src/ctors.c"])],
)
