from setuptools import setup, Extension

# A host module that embeds HPy modules: a plain extension on purpose.
setup(
    name="host",
    ext_modules=[
        Extension(
            "host.runtime",
            sources=["runtime.c", "tools/_inspect.c"],
            extra_compile_args=["-DHPY_ABI_HYBRID", "-DHPY_EMBEDDED_MODULES"],
        ),
        Extension(
            "host.extras",
            sources=["tools/_probe.c"],
            define_macros=[("HPY_ABI_HYBRID", None), ("HPY_EMBEDDED_MODULES", None)],
        ),
    ],
)
