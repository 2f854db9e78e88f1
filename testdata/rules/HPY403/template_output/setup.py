from setuptools import setup, Extension

setup(
    name="tabled",
    hpy_ext_modules=[
        Extension(
            "tabled",  # want "HPY406"
            sources=[
                "src/tabled.c",
                "src/lookup.c",  # the build makes it from src/lookup.c.src
                "src/vanished.c",  # want "HPY403"
            ],
        )
    ],
)
