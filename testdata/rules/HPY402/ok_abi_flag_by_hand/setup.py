from setuptools import setup, Extension

# A plain extension that passes HPy's ABI flag by hand: it is HPy code on
# purpose, built with the flags HPy's own build would give it.
setup(
    name="handbuilt",
    ext_modules=[
        Extension(
            "handbuilt",
            ["handbuilt.c"],
            include_dirs=["vendor/hpy/include"],
            extra_compile_args=["-DHPY_ABI_UNIVERSAL"],
        )
    ],
)
