from setuptools import setup
from pybind11.setup_helpers import Pybind11Extension
from Cython.Build import cythonize

setup(
    name='notahpyproject',
    ext_modules=[Pybind11Extension('nat._bind', ['bind.cpp'])] + cythonize('nat/*.pyx'),
)
