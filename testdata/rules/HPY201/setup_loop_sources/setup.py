import os
from setuptools import setup, Extension

# Each part of the codec lives in its own file under src/.
PARTS = ("reader", "writer")

files = ["src/codec.c"]
for part in PARTS:
    files.append(os.path.join("src", part + ".c"))

setup(name="codec", hpy_ext_modules=[Extension("codec", files)])
