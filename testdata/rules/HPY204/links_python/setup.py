from setuptools import setup, Extension

setup(
    name="linky",
    hpy_ext_modules=[
        Extension(
            "linky",
            sources=["linky.c"],
            libraries=["m", "python3.11"],  # want "HPY204"
            py_limited_api=True,  # want "HPY204"
        ),
    ],
    # A plain CPython extension may link what it likes.
    ext_modules=[Extension("embedder", ["embedder.c"], libraries=["python3.11"])],
)
