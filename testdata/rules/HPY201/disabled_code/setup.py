from setuptools import setup, Extension

setup(name="port", hpy_abi="universal", hpy_ext_modules=[Extension("port", ["port.c"])])
