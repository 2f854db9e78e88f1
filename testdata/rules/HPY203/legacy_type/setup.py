from setuptools import setup, Extension

setup(
    name="legacytype",
    hpy_abi="universal",
    hpy_ext_modules=[Extension("legacytype", ["legacytype.c"])],
)
