from setuptools import setup, Extension

setup(
    name="host",
    ext_modules=[
        Extension(
            "host.runtime",
            sources=["_solo.c"],  # want "HPY402"
            define_macros=[("HPY_EMBEDDED_MODULES", None)],
        ),
    ],
)
