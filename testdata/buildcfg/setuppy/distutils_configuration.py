from os.path import join


def configuration(parent_package='', top_path=None):
    from numpy.distutils.misc_util import Configuration

    config = Configuration('core', parent_package, top_path)
    local_dir = config.local_path
    config.add_include_dirs(join(local_dir, 'src', 'common'))

    def generate_umbrella_c(ext, build_dir):
        return join(build_dir, 'umbrella.c')

    array_src = [
        join('src', 'array', 'object.c'),
        join('src', 'array', 'kernels.c.src'),
    ]
    math_src = [join('src', 'math', 'ops.c')]
    config.add_hpy_extension('_core',
                             sources=array_src + math_src + [generate_umbrella_c],
                             depends=[join('src', 'common', 'core.h')],
                             libraries=['coremath'])
    for flavour in ['small', 'big']:
        config.add_extension('_test_' + flavour,
                             sources=[join('src', 'tests', flavour + '.c')])
    config.add_extension('_built_elsewhere', sources=compute_sources())
    return config


if __name__ == '__main__':
    from numpy.distutils.core import setup
    setup(configuration=configuration)
