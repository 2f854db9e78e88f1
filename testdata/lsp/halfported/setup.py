import sys
from setuptools import setup, Extension

setup(
    name="halfported",
    hpy_ext_modules=[Extension("halfported._core", ["src/core.c", "src/extra.c"])],
    hpy_abi='cpython' if sys.implementation.name == 'cpython' else 'universal',
)
