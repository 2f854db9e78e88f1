from setuptools import setup, Extension

setup(name="fast", hpy_ext_modules=[
    Extension("fastmod", ["fastmod.c"]),
    Extension("other", ["other.c"]),
])
