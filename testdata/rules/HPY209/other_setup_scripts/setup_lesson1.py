# One setup script per lesson of a tutorial, each run by hand:
#   python setup_lesson1.py build_ext --inplace
from setuptools import setup, Extension
from setup_shared import SOURCES_ROOT

setup(
    name="lessons",
    hpy_ext_modules=[Extension("lesson1", ["lesson1.c"])],  # want "HPY209"
)
