def configuration(parent_package="", top_path=None):
    from numpy.distutils.misc_util import Configuration

    config = Configuration("fancy", parent_package, top_path)
    config.add_subpackage("core")
    return config
