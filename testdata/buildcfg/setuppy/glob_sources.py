import glob
from setuptools import setup, Extension

PARSER_SOURCES = glob.glob('src/parser/*.c')

ext_modules = []
for name in ['alpha', 'beta']:
    ext_modules.append(Extension('pkg.' + name, sources=['src/%s.c' % name]))

setup(
    name='globby',
    hpy_ext_modules=[
        Extension('globby._core',
                  sources=['src/core.c'] + PARSER_SOURCES + [f for f in glob.glob('gen/*.c')],
                  include_dirs=[get_include()]),
    ],
    ext_modules=ext_modules,
    setup_requires=['hpy'],
)
