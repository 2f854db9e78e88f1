import glob
import os

from setuptools import setup, Extension

HERE = os.path.dirname(os.path.abspath(__file__))

setup(
    name="mosaic",
    hpy_ext_modules=[
        Extension("mosaic", sources=sorted(glob.glob(os.path.join(HERE, "src", "**", "*.c"), recursive=True))),
    ],
)
