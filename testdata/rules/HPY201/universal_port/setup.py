import sys
from setuptools import setup, Extension

# Always build one binary for every interpreter.
sys.argv.insert(1, "--hpy-abi=universal")

setup(
    name="counter",
    hpy_ext_modules=[Extension("counter", sources=["src/counter.c"])],
    # A plain CPython extension of the same project may include Python.h.
    ext_modules=[Extension("counter_speedups", sources=["src/speedups.c"])],
)
