import platform
from setuptools import setup, Extension

HPY_ABI = 'cpython' if platform.python_implementation() == 'CPython' else 'universal'

setup(
    name='dyn',
    hpy_ext_modules=[Extension('dyn._dyn', sources=['dyn.c'])],
    hpy_abi=HPY_ABI,
)
