from setuptools import setup, Extension

SOURCES = [
    "src/present.c",
    "src/renamed_long_ago.c",  # want "HPY403"
]

setup(name="present", hpy_ext_modules=[Extension("present", sources=SOURCES)])
