import os

from setuptools import Extension

SHARED = ["src/shared.c"]


def planned_extensions():
    for name in ("alpha", "beta"):
        yield Extension(
            "planner." + name,
            sources=[os.path.join("src", name + ".c")] + SHARED,
        )
