import os
from setuptools import setup, Extension

# The include directory comes from the environment: hpylint cannot follow
# it, so include/level/clamp.h is never reached through the include.
setup(
    name="level",
    hpy_abi="universal",
    hpy_ext_modules=[Extension("level", sources=["src/level.c"], include_dirs=[os.environ["LEVEL_INCLUDE"]])],  # want "HPY405"
)
