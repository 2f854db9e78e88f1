from setuptools import setup, Extension

setup(name="feed", hpy_ext_modules=[Extension("feed", ["feed.c"])])
