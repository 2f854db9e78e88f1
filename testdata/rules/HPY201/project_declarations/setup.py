from setuptools import setup, Extension

# flatten.c is plain C, linked from a static library built elsewhere.
setup(
    name="gauge",
    hpy_abi="universal",
    hpy_ext_modules=[Extension("gauge", sources=["src/gauge.c"])],
)
