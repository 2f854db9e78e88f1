from setuptools import setup, Extension
from setuptools.command.build_ext import build_ext


class split_build_ext(build_ext):
    """Builds the extensions named pkg._hpy_* with HPy, the rest as usual."""

    def finalize_options(self):
        exts = self.distribution.ext_modules
        self.distribution.hpy_ext_modules = [e for e in exts if e.name.startswith("twin._hpy_")]
        self.distribution.ext_modules = [e for e in exts if not e.name.startswith("twin._hpy_")]
        super().finalize_options()


setup(
    name="twin",
    cmdclass={"build_ext": split_build_ext},
    ext_modules=[
        Extension("twin._hpy_fast", ["src/fast.c"]),
        Extension("twin._classic", ["src/classic.c"]),
    ],
)
