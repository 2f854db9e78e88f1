from setuptools import setup, Extension

setup(
    name="geometry",
    hpy_ext_modules=[
        Extension("geometry._vectors", sources=["src/vectors.c"]),
        Extension(
            "geometry._matrices",
            sources=["src/matrices.c", "src/lapack_glue.c"],
        ),
    ],
)
