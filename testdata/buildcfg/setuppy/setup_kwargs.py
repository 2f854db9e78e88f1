from setuptools import setup, Extension

extra = {}

setup_args = dict(
    name='kw-project',
    hpy_ext_modules=[Extension('kwp._kw', sources=['kw.c'], **extra)],
    setup_requires=('HPy[dev]',),
)

setup(**setup_args)
