from glob import glob
from setuptools import setup, Extension

helpers = glob("src/helpers/*.c")  # want "HPY405"

setup(
    name="globbed",
    hpy_ext_modules=[
        Extension("globbed", sources=["src/globbed.c"] + helpers),
    ],
)
