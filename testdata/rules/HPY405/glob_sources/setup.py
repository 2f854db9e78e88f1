from glob import glob
from setuptools import setup, Extension

# gen/ is written by a code generator before the build: nothing matches yet.
generated = glob("gen/*.c")  # want "HPY405"

setup(
    name="globbed",
    hpy_ext_modules=[
        Extension("globbed", sources=["src/globbed.c"] + generated),  # want "HPY405"
    ],
)
