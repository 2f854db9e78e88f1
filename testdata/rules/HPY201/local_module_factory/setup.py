from setuptools import setup

from _extensions import planned_extensions

setup(name="planner", hpy_ext_modules=list(planned_extensions()))
