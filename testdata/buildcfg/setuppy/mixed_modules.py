import sys
import setuptools
from distutils.core import Extension as DExt

plain = DExt('fastlib._speedups', ['fastlib/_speedups.c'], py_limited_api=True)

setuptools.setup(
    name="fastlib",
    ext_modules=[plain],
    hpy_ext_modules=[
        setuptools.Extension('fastlib._hpy_core', sources=['fastlib/_hpy_core.c'],
                             extra_compile_args=['-DHPY_ABI_UNIVERSAL']),
    ],
    setup_requires=[],
)
