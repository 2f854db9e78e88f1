import sys
from setuptools import setup, Extension
from setuptools.dist import Distribution

# The script puts a vendored HPy on the path and builds hpy_ext_modules
# through its own distribution class: setuptools never sees an unknown
# keyword, whether or not the hpy distribution is installed.
sys.path.insert(0, "vendor/hpy")


class VendoredHPyDistribution(Distribution):
    def __init__(self, attrs=None):
        self.hpy_ext_modules = []
        super().__init__(attrs)
        from hpy.devel import HPyDevel
        HPyDevel().fix_distribution(self)


setup(
    name="vendored",
    distclass=VendoredHPyDistribution,
    hpy_ext_modules=[Extension("vendored", ["vendored.c"])],
)
