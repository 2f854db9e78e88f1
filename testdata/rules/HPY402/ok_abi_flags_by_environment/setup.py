# An HPy module built through ext_modules, with HPy's flags passed by hand
# for the universal build the environment asks for: that build has them,
# and hpylint cannot tell which build is made.
import os
from setuptools import setup, Extension

if os.environ.get("WIDGET_UNIVERSAL") == "1":
    ABI_FLAGS = ["-DHPY_ABI_UNIVERSAL"]
else:
    ABI_FLAGS = []

setup(
    name="widget",
    ext_modules=[Extension("widget", ["widget.c"], extra_compile_args=["-O2"] + ABI_FLAGS)],
)
