from os.path import join


def configuration(parent_package="", top_path=None):
    from numpy.distutils.misc_util import Configuration

    config = Configuration("core", parent_package, top_path)
    local_dir = config.local_path
    config.add_include_dirs(join(local_dir, "src", "common"))
    config.add_include_dirs(join(local_dir, "include"))

    base_src = [
        join("src", "base", "module.c"),
    ]
    object_src = [join("src", "base", "objects.c")]
    config.add_hpy_extension(
        "_fancy_core",
        sources=base_src + object_src,
        depends=[join("src", "common", "shared.h")],
    )
    return config


if __name__ == "__main__":
    from numpy.distutils.core import setup

    setup(configuration=configuration)
