from os.path import join


def configuration(parent_package="", top_path=None):
    from numpy.distutils.misc_util import Configuration

    config = Configuration("tmpl", parent_package, top_path)

    def generate_dispatch_c(ext, build_dir):
        return join(build_dir, "dispatch.c")

    config.add_hpy_extension(
        "_loops",  # want "HPY406"
        sources=[
            join("src", "loops.c"),
            join("src", "kernels.c.src"),
            join("src", "tables.c"),  # made from tables.c.src by the build
            generate_dispatch_c,
        ],
    )
    return config
