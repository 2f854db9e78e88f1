from setuptools import setup, Extension

setup(
    name="wrongkw",
    ext_modules=[
        Extension(
            "wrongkw",
            sources=[
                "wrongkw.c",  # want "HPY402"
                "plain_helper.c",
            ],
        )
    ],
)
