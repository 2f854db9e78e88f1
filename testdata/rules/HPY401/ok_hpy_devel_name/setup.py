from setuptools import setup, Extension

# HPy 0.0.1 and 0.0.2 were published as hpy.devel.
setup(
    name="early",
    setup_requires=["hpy.devel"],
    hpy_ext_modules=[Extension("early", ["early.c"])],
)
