import setuptools.command.build_ext
from setuptools import setup, Extension

import buildhelp

packages = [buildhelp.Gauges(), buildhelp.Extras()]


def finish(dist, ext):
    ext.define_macros.append(("GAUGES_HPY", None))
    return ext


class BuildExt(setuptools.command.build_ext.build_ext):
    # The extensions are made by the helper classes at build time; the HPy
    # ones are those whose name ends in _hpy.
    def finalize_options(self):
        self.distribution.ext_modules[:] = [
            ext for pkg in packages for ext in pkg.get_extensions() if not ext.name.endswith("_hpy")
        ]
        self.distribution.hpy_ext_modules[:] = [  # want "HPY209" "HPY209"
            finish(self.distribution, ext)
            for pkg in packages
            for ext in pkg.get_extensions()
            if ext.name.endswith("_hpy")
        ]
        super().finalize_options()


setup(
    name="gauges",
    setup_requires=["hpy"],
    cmdclass={"build_ext": BuildExt},
    # Placeholders so that setuptools runs build_ext at all.
    ext_modules=[Extension("", [])],
    hpy_ext_modules=[Extension("", [])],
)
