from setuptools import setup, Extension

# Nothing pins the ABI: CPython builds it cpython, PyPy and GraalPy
# universal, where NumPy's C API (CPython objects underneath) cannot work.
setup(
    name="histo",
    setup_requires=["hpy", "numpy"],
    hpy_ext_modules=[Extension("histo", ["histo.c"])],  # want "HPY209"
)
