from setuptools import Extension


class Gauges:
    def get_extensions(self):
        yield Extension("gauges._dial_hpy", ["src/dial.c"])
        yield Extension("gauges._dial", ["src/dial_cpython.c"])


class Extras:
    def get_extensions(self):
        ext = Extension("gauges._meter_hpy", ["src/meter.c"])
        yield ext
