# Build script for a small HPy port with two extension modules.
import os
from setuptools import setup, Extension

SRC = 'src'
COMMON_SOURCES = [os.path.join(SRC, 'common.c'), 'src/' + 'buffer.c']

vector = Extension(
    'geom._vector',
    sources=[os.path.join(SRC, 'vector.c')] + COMMON_SOURCES,
    include_dirs=['include', SRC],
    define_macros=[('GEOM_DEBUG', None), ('HPY_ABI_UNIVERSAL', '1')],
)

matrix = Extension(name="geom._matrix",
                   sources=["src/matrix.c"],
                   libraries=['m'],
                   extra_compile_args=['-O2', '-DUSE_BLAS=1'])

hpy_modules = [vector]
hpy_modules.append(matrix)

setup(
    name='geom',
    version='0.1',
    packages=['geom'],
    hpy_ext_modules=hpy_modules,  # hpylint: disable=HPY405
    setup_requires=['hpy>=0.9.0', "Cython",],
)
