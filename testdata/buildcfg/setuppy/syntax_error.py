from setuptools import setup, Extension

ext = Extension('broken._mod', sources=['broken/mod.c'])

def helper(:
    return 1

setup(
    name='broken',
    hpy_ext_modules=[ext],
)
