#!/bin/sh
# Run from the repository root, as CI does.
set -e
pip wheel -w dist . -C hpy-abi=universal
build_demo() {
    cd demo
    python setup.py --hpy-abi="$1" bdist_wheel  # want "HPY405"
}
build_demo universal
build_demo cpython
