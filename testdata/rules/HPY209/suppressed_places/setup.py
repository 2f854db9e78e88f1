import sys
from setuptools import setup, Extension

setup(
    name="meters",
    hpy_ext_modules=[
        Extension("meters._volt", ["volt.c"]),  # want "HPY209"
        Extension("meters._amp", ["amp.c"]),
    ],
    hpy_abi='cpython' if sys.implementation.name == 'cpython' else 'universal',
)
