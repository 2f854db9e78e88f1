from setuptools import setup, Extension

setup(
    name="meter",
    setup_requires=["hpy"],
    hpy_ext_modules=[Extension("meter", ["src/meter.c"], include_dirs=["include"])],  # want "HPY209"
)
