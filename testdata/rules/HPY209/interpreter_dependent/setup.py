import sys
from setuptools import setup, Extension

# cpython on CPython, universal on PyPy and GraalPy
HPY_ABI = 'cpython' if sys.implementation.name == 'cpython' else 'universal'

setup(
    name="gauges",
    hpy_ext_modules=[
        Extension("gauges._dial", ["src/dial.c"]),  # want "HPY209"
        Extension("gauges._ported", ["src/ported.c"]),
    ],
    hpy_abi=HPY_ABI,
)
