#!/usr/bin/env python3
"""Packs native executables into a binary wheel, with the standard library only.

    wheel.py --version V --tag TAG --license FILE --out DIR SCRIPT...

writes DIR/hpylint-V-TAG.whl whose hpylint-V.data/scripts/ holds each
SCRIPT (pip puts them on the venv's PATH), and prints its path. A wheel is
a zip (PEP 427, PEP 491): no build backend is needed, and none can be
downloaded on the machines that cut releases.

The zip is reproducible: entries in a fixed order, with the time of
SOURCE_DATE_EPOCH (1980-01-01 without it) and fixed permissions.
"""

import argparse
import base64
import csv
import hashlib
import io
import os
import re
import sys
import time
import zipfile

NAME = "hpylint"
SUMMARY = "Static analysis for HPy C extensions: the hpylint linter and the hpyls language server"
REQUIRES_PYTHON = ">=3.8"  # HPy's own floor; the binaries do not run Python at all
GENERATOR = "hpylint .ci/wheel.py"

# A release version as PEP 440 writes it in normal form (file names must
# use it): 0.1.0, 1.2rc1, 0.3.0.post1, 0.4.0.dev2.
PUBLIC_VERSION = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?$")
# py3-none-<platform>: the binaries run without Python, on one platform.
TAG = re.compile(r"^py3-none-[a-z0-9_]+$")

DESCRIPTION = """\
hpylint checks HPy C extensions and their build configs (setup.py,
pyproject.toml, setup.cfg, CMake, meson, Makefiles) and reports, at the
line that causes them, the mistakes that otherwise show only at import
time. hpyls is the same analysis as a language server.

This wheel puts both native binaries on the PATH of the environment it is
installed in; they need no Python, Go or C compiler at run time.
"""


def metadata(version):
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\n"
        f"Version: {version}\n"
        f"Summary: {SUMMARY}\n"
        "License: MIT\n"
        f"Requires-Python: {REQUIRES_PYTHON}\n"
        "Classifier: License :: OSI Approved :: MIT License\n"
        "Classifier: Operating System :: POSIX :: Linux\n"
        "Classifier: Programming Language :: C\n"
        "Classifier: Topic :: Software Development :: Quality Assurance\n"
        "Description-Content-Type: text/plain\n"
        "\n" + DESCRIPTION
    ).encode()


def wheel_file(tag):
    return (
        "Wheel-Version: 1.0\n"
        f"Generator: {GENERATOR}\n"
        "Root-Is-Purelib: false\n"
        f"Tag: {tag}\n"
    ).encode()


def record_hash(data):
    # sha256, urlsafe base64 without the padding (PEP 376, PEP 427).
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def zip_time():
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01, zip's first date
    return time.gmtime(max(epoch, 315532800))[:6]


def build(version, tag, license_path, scripts, out):
    if not PUBLIC_VERSION.match(version):
        sys.exit(f"wheel.py: version {version!r} is not a PEP 440 release version in normal form (e.g. 0.1.0, 0.2.0rc1)")
    if not TAG.match(tag):
        sys.exit(f"wheel.py: tag {tag!r} is not py3-none-<platform>")
    data_dir = f"{NAME}-{version}.data"
    dist_info = f"{NAME}-{version}.dist-info"

    entries = []  # (archive name, bytes, executable)
    for path in scripts:
        with open(path, "rb") as f:
            entries.append((f"{data_dir}/scripts/{os.path.basename(path)}", f.read(), True))
    with open(license_path, "rb") as f:
        license_text = f.read()
    entries += [
        (f"{dist_info}/METADATA", metadata(version), False),
        (f"{dist_info}/WHEEL", wheel_file(tag), False),
        (f"{dist_info}/LICENSE", license_text, False),
    ]
    names = [name for name, _, _ in entries]
    if len(set(names)) != len(names):
        sys.exit(f"wheel.py: two files would have the same name in the wheel: {names}")

    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data, _ in entries:
        writer.writerow([name, record_hash(data), len(data)])
    writer.writerow([f"{dist_info}/RECORD", "", ""])  # RECORD cannot hash itself
    entries.append((f"{dist_info}/RECORD", record.getvalue().encode(), False))

    os.makedirs(out, exist_ok=True)
    wheel_path = os.path.join(out, f"{NAME}-{version}-{tag}.whl")
    partial = wheel_path + ".partial"
    when = zip_time()
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as whl:
        for name, data, executable in entries:
            info = zipfile.ZipInfo(name, date_time=when)
            info.create_system = 3  # Unix: pip reads the mode from the high bits
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data, compresslevel=9)
    os.replace(partial, wheel_path)  # never leave a half-written wheel under the final name
    return wheel_path


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--version", required=True)
    p.add_argument("--tag", required=True, help="e.g. py3-none-manylinux_2_17_x86_64")
    p.add_argument("--license", required=True, help="the licence file, carried in .dist-info")
    p.add_argument("--out", required=True, help="directory to write the wheel into")
    p.add_argument("scripts", nargs="+", help="executables for .data/scripts/")
    a = p.parse_args()
    print(build(a.version, a.tag, a.license, a.scripts, a.out))


if __name__ == "__main__":
    main()
