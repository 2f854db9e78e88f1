from setuptools import setup, Extension

setup(
    name="pointlib",
    packages=["pointlib"],
    package_dir={"": "src"},
    hpy_ext_modules=[
        Extension(
            "pointlib._point",
            sources=["src/pointlib/point.c", "src/pointlib/point_type.c"],
        ),
        Extension("pointlib._vector", sources=["src/pointlib/vector.c"]),
    ],
)
