from setuptools import setup, Extension
from setuptools.dist import Distribution


class QuietDistribution(Distribution):
    """A distribution class that knows nothing of HPy."""
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.verbose = 0


setup(
    name="quiet",
    distclass=QuietDistribution,
    hpy_ext_modules=[Extension("quiet", ["quiet.c"])],  # want "HPY401"
)
