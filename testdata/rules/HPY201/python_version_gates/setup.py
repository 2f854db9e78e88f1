from setuptools import setup, Extension

# gates.c includes no Python header, bridged.c does (through compat.h),
# and generated.c includes a header the build writes.
setup(
    name="gates",
    hpy_abi="universal",
    hpy_ext_modules=[
        Extension("gates", ["src/gates.c"]),
        Extension("bridged", ["src/bridged.c"]),
        Extension("generated", ["src/generated.c"]),
    ],
)
