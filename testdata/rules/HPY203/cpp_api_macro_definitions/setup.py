from setuptools import setup, Extension

setup(
    name="bridge",
    hpy_abi="universal",
    hpy_ext_modules=[Extension("bridge", ["bridge.cpp"], include_dirs=["include"])],
)
