from numpy.distutils.core import setup


def configuration(parent_package="", top_path=None):
    from numpy.distutils.misc_util import Configuration

    config = Configuration(None, parent_package, top_path)
    config.add_subpackage("fancy")
    return config


setup(configuration=configuration, hpy_ext_modules=[])
