"""Test double of hpy.universal for the CPython entrypoint shim tests.

It records every call (the argument objects themselves, so the driver can
check identities) in CALLS and returns a fresh module instead of loading a
binary. Environment knobs, read at call time unless noted:

HPY_DOUBLE_LEGACY       read at import: define only load(), as hpy releases
                        without _load_bootstrap do
HPY_DOUBLE_SELF_IMPORT  import the module being loaded before returning, as an
                        HPy exec slot that imports its own module would
HPY_DOUBLE_SLEEP        seconds to sleep in the call, so that threads overlap
"""

import importlib
import itertools
import os
import time
import types

IS_TEST_DOUBLE = True
CALLS = []
_serials = itertools.count(1)


def _record_and_make(fn, modname, file, args):
    call = dict(args, fn=fn)
    CALLS.append(call)
    delay = float(os.environ.get("HPY_DOUBLE_SLEEP", "0"))
    if delay:
        time.sleep(delay)
    if os.environ.get("HPY_DOUBLE_SELF_IMPORT"):
        importlib.import_module(modname)
    mod = types.ModuleType(modname)
    mod.__file__ = file
    mod.double_serial = next(_serials)
    call["module"] = mod
    return mod


def load(name, path, spec, debug=False, mode=-1):
    return _record_and_make("load", name, path, dict(
        name=name, path=path, spec=spec, debug=debug, mode=mode))


if not os.environ.get("HPY_DOUBLE_LEGACY"):
    def _load_bootstrap(name, ext_name, package, file, loader, spec, env):
        return _record_and_make("_load_bootstrap", ext_name, file, dict(
            name=name, ext_name=ext_name, package=package, file=file,
            loader=loader, spec=spec, env=env))
