from setuptools import setup, Extension

setup(name="note", hpy_ext_modules=[Extension("note", ["note.c"])])
