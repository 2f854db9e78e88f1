"""Imports a module built with the CPython entrypoint shim and reports, as JSON
on stdout, what happened and what the hpy.universal test double received.
The Go tests (analysis/shim) judge the report; this script only observes.

usage: drive.py MODE MODULE [options]
  MODE import   import MODULE the normal way (sys.path search)
       spec     import MODULE from --origin through spec_from_file_location
       threads  create MODULE from one spec on --threads threads at once
Options:
  --path DIR        prepend DIR to sys.path (repeatable, kept in order)
  --origin FILE     the file for MODE spec
  --threads N       thread count for MODE threads
  --retry-create F  after a failed import, create file F and import again
  --retry-unset V   after a failed import, unset environment variable V and
                    import again
  --pretend-free-threaded HOW
                    make this GIL build look free-threaded to the shim: HOW is
                    "abiflags" (sys.abiflags gets a 't', as on POSIX) or
                    "sysconfig" (no sys.abiflags, Py_GIL_DISABLED=1, as on
                    Windows before 3.14)
Run it with python3 -S -B: no installed hpy can be picked up by mistake, and no
__pycache__ is written into testdata.
"""

import argparse
import importlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import threading


def describe_call(call, spec):
    out = {}
    for key, value in call.items():
        if key in ("spec", "loader", "env", "module"):
            continue
        out[key] = value
    out["spec_is_module_spec"] = spec is not None and call.get("spec") is spec
    if "loader" in call:
        loader = call["loader"]
        out["loader_type"] = type(loader).__name__
        out["loader_is_spec_loader"] = spec is not None and loader is spec.loader
    if "env" in call:
        out["env_is_os_environ"] = call["env"] is os.environ
        out["env_HPY"] = call["env"].get("HPY")
    return out


def describe_error(exc):
    return {
        "type": type(exc).__name__,
        "is_import_error": isinstance(exc, ImportError),
        "message": str(exc),
        "name": getattr(exc, "name", None),
        "path": getattr(exc, "path", None),
        "cause": type(exc.__cause__).__name__ if exc.__cause__ else None,
    }


def attempt(args):
    """One import; returns (module or None, error report or None)."""
    try:
        if args.mode == "spec":
            spec = importlib.util.spec_from_file_location(args.module, args.origin)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
        else:
            mod = importlib.import_module(args.module)
        return mod, None
    except Exception as exc:  # the report must say what was raised
        return None, describe_error(exc)


def pretend_free_threaded(how):
    if how == "abiflags":
        sys.abiflags = "t" + sys.abiflags
        return
    import sysconfig
    real = sysconfig.get_config_var
    del sys.abiflags
    sysconfig.get_config_var = lambda name: 1 if name == "Py_GIL_DISABLED" else real(name)


def run_threads(args, report):
    spec = importlib.util.find_spec(args.module)
    results = [None] * args.threads
    barrier = threading.Barrier(args.threads)

    def work(i):
        barrier.wait()
        try:
            mod = importlib.util.module_from_spec(spec)
            results[i] = {"ok": True, "serial": getattr(mod, "double_serial", None)}
        except Exception as exc:
            results[i] = {"ok": False, "error": describe_error(exc)}

    threads = [threading.Thread(target=work, args=(i,)) for i in range(args.threads)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    report["threads"] = results
    report["spec"] = spec


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["import", "spec", "threads"])
    parser.add_argument("module")
    parser.add_argument("--path", action="append", default=[])
    parser.add_argument("--origin")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--retry-create")
    parser.add_argument("--retry-unset")
    parser.add_argument("--pretend-free-threaded", choices=["abiflags", "sysconfig"])
    args = parser.parse_args()
    sys.path[:0] = args.path
    if args.pretend_free_threaded:
        pretend_free_threaded(args.pretend_free_threaded)

    report = {}
    double_spec = importlib.util.find_spec("hpy")
    report["hpy_found"] = double_spec is not None
    if double_spec is not None:
        import hpy.universal
        if not getattr(hpy.universal, "IS_TEST_DOUBLE", False):
            raise SystemExit("drive.py: a real hpy was found, not the test double")

    spec = None
    if args.mode == "threads":
        run_threads(args, report)
        spec = report.pop("spec")
    else:
        mod, err = attempt(args)
        report["error"] = err
        if err is not None and (args.retry_create or args.retry_unset):
            if args.retry_create:
                open(args.retry_create, "wb").close()
            if args.retry_unset:
                os.environ.pop(args.retry_unset, None)
            mod, report["retry_error"] = attempt(args)
        if mod is not None:
            spec = mod.__spec__
            report["module"] = {
                "name": mod.__name__,
                "in_sys_modules": sys.modules.get(args.module) is mod,
                "serial": getattr(mod, "double_serial", None),
                "origin": spec.origin,
                "loader_type": type(spec.loader).__name__,
            }

    calls = []
    if report["hpy_found"]:
        import hpy.universal
        calls = [describe_call(c, spec) for c in hpy.universal.CALLS]
    report["calls"] = calls
    json.dump(report, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
