import os
from setuptools import setup, Extension

# hpylint cannot list the sources, but they belong to this build: cpython.
SOURCES = [os.path.join("src", f) for f in os.listdir("src")]  # want "HPY405"

setup(
    name="listed",
    hpy_abi="cpython",
    hpy_ext_modules=[Extension("listed", SOURCES)],  # want "HPY405"
)
