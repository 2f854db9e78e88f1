#!/bin/sh
set -e
cd docs/example && python setup.py --hpy-abi=universal install
cd ../..
python tools/bench/setup.py --hpy-abi=hybrid build_ext
pip install -e ./bench --no-deps -C hpy-abi=universal
python setup.py --hpy-abi=cpython build_ext --inplace
pushd lib/ext
python3 setup.py --hpy-abi=universal bdist_wheel
popd
pip wheel -w dist ./lib --config-settings=--build-option=--hpy-abi=hybrid
cd proof && python setup.py --hpy-abi="$ABI" bdist_wheel && cd ..
# nothing below says which project it builds
cd "$SRC"
python setup.py --hpy-abi=universal install
popd
pip install ./a ./b -C hpy-abi=universal
pip install $PKG -C hpy-abi=universal

build_wheel() {
    pushd examples/one
    python setup.py --hpy-abi=hybrid bdist_wheel
    popd
}

function build_two {
    cd examples/two && python setup.py --hpy-abi=universal build_ext
}
