import sys
from setuptools import setup, Extension

HPY_ABI = 'cpython' if sys.implementation.name == 'cpython' else 'universal'

setup(
    name="written",
    hpy_abi=HPY_ABI,
    hpy_ext_modules=[Extension("written", ["written.c"])],
)
