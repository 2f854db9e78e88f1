from setuptools import setup, Extension

# Written from an HPy 0.0.4 tutorial: one-argument HPy_MODINIT and an
# init_<name>_impl that does the set-up work itself.
setup(
    name="ledger",
    setup_requires=["hpy"],
    hpy_ext_modules=[Extension("ledger", sources=["ledger.c", "money.c"])],
)
