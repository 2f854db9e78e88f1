from setuptools import setup, Extension

# No ABI pinned: universal on PyPy and GraalPy, where neither source
# includes a Python header.
setup(
    name="winutils",
    setup_requires=["hpy"],
    hpy_ext_modules=[
        Extension("winutils", ["src/winutils.c"]),
        Extension("clock", ["src/clock.c"]),  # want "HPY209"
    ],
)
