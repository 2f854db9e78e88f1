import os
from setuptools import setup, Extension

_CODECS = ("plain", "packed")
_LIB = [
    "Buffer", "Pool",
]

files = ["src/_engine.c"]
for name in _CODECS:
    files.append("src/" + name + ".c")
for name in _LIB:
    files.append(os.path.join("src/lib", name + ".c"))

plugins = [Extension(f"engine.plugins.{p}", [f"src/plugins/{p}.c"]) for p in ["zip", "tar"]]

setup(
    name="engine",
    hpy_ext_modules=[Extension("engine._engine", files)] + plugins,
)
