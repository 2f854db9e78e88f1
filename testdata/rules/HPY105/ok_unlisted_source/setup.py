import os
from setuptools import setup, Extension

# hpylint cannot list these sources, but hpy.devel builds them: with no
# ABI pinned, hpy.devel's default applies to them too.
SOURCES = [os.path.join("src", f) for f in os.listdir("src") if f.endswith(".c")]  # want "HPY405"

setup(name="listed", hpy_ext_modules=[Extension("listed", SOURCES)])  # want "HPY405"
