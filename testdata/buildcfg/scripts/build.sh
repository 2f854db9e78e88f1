#!/bin/sh
# Builds the universal wheel. A comment mentioning --hpy-abi=hybrid is ignored.
set -e
echo "python setup.py --hpy-abi=cpython is just text here"
python3 setup.py --hpy-abi=universal build_ext --inplace && \
    pip wheel . -C hpy-abi=hybrid
python -m pip install --config-settings="--build-option=--hpy-abi=cpython" .
