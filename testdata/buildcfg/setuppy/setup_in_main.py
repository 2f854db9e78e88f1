"""Setup script that only calls setup() from main()."""
import sys
from setuptools import setup as _setup, Extension


def never_called():
    _setup(name='ghost', hpy_ext_modules=[Extension('ghost._g', ['g.c'])])


def make_extensions():
    base = ['piconumpy/_piconumpy_hpy.c']
    return [Extension('piconumpy._piconumpy_hpy', sources=base)]


def main():
    sys.argv.insert(1, '--hpy-abi=universal')
    _setup(
        name='piconumpy',
        hpy_ext_modules=make_extensions(),
        setup_requires=['hpy'],
    )


if __name__ == "__main__":
    main()
