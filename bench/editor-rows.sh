#!/usr/bin/env bash
# The editor figures of issue #14 (README, Speed), for one hpyls or for two
# run in turn (A B A B ...), so that a change is measured beside the binary
# before it on the same machine at the same time; clangd's rows follow
# when clangd is installed.
#   bench/editor-rows.sh [-r ROUNDS] [-n EDITS] NUMPY_HPY HPYLS_A [HPYLS_B]
# NUMPY_HPY is a checkout of hpyproject/numpy-hpy beside this repository.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=2 edits=200
while getopts r:n: opt; do
  case $opt in
    r) rounds=$OPTARG ;;
    n) edits=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: bench/editor-rows.sh [-r ROUNDS] [-n EDITS] NUMPY_HPY HPYLS_A [HPYLS_B]" >&2; exit 2; }
numpy=$1
shift
[ -f "$numpy/numpy/core/src/multiarray/multiarraymodule.c" ] || { echo "editor-rows: $numpy is not a numpy-hpy checkout" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/lsp-latency" ./bench/lsp-latency
lat=$tmp/lsp-latency
big=(-generate 1MB -spread -edits "$edits")
np=(-workspace "$numpy" -file numpy/core/src/multiarray/multiarraymodule.c -spread -edits "$edits")
pick() { grep -E "$1" | tr '\n' ' ' | sed 's/  */ /g'; echo; }
# The first edit right after opening, after a quick fix of another file
# (-fix-first), with the p50 of the 20 keys against which issue #14 sets it.
first() { "$lat" -server "$server" "$@" -spread -edits 20 -settle 0 2>&1 | grep -oE 'p50 [0-9.]* ms|first edit [0-9.]* ms' | tr '\n' ' '; }
for round in $(seq "$rounds"); do
  for server in "$@"; do
    echo "== round $round: $server"
    echo "edit, 1 MB file:    $("$lat" -server "$server" "${big[@]}" 2>&1 | pick 'edit:|peak')"
    echo "edit, numpy-hpy:    $("$lat" -server "$server" "${np[@]}" 2>&1 | pick 'edit:|peak')"
    # A call and a block typed a character a key, each left open a while.
    echo "code typed, 1 MB file: $("$lat" -server "$server" -generate 1MB -key code -spread -edits 66 2>&1 | pick 'edit:|peak')"
    echo "code typed, numpy-hpy: $("$lat" -server "$server" "${np[@]:0:4}" -key code -spread -edits 66 2>&1 | pick 'edit:|peak')"
    for request in hover codeaction; do
      echo "$request in a burst, 1 MB file: $("$lat" -server "$server" "${big[@]}" -burst 30 -request $request 2>&1 | pick requests)"
      echo "$request in a burst, numpy-hpy: $("$lat" -server "$server" "${np[@]}" -burst 30 -request $request 2>&1 | pick requests)"
    done
    echo "first edit after open: 1 MB $("$lat" -server "$server" -generate 1MB -spread -edits 20 -settle 0 2>&1 | grep -o 'first edit [0-9.]* ms'), numpy-hpy $("$lat" -server "$server" "${np[@]:0:4}" -spread -edits 20 -settle 0 2>&1 | grep -o 'first edit [0-9.]* ms')"
    echo "first edit after a fix of another file: 1 MB $(first -generate 1MB -fix-first other.c), numpy-hpy $(first "${np[@]:0:4}" -fix-first numpy/core/src/multiarray/arrayobject.c)"
  done
done
if command -v clangd > /dev/null; then
  # The same lines as hpyls's: clangd publishes whatever the findings.
  upto() { "$lat" -server "$1" "${@:2}" -edits 5 2>&1 | grep -o 'upto [0-9]*' | head -1 | cut -d' ' -f2; }
  echo "== clangd"
  echo "edit, 1 MB file: $("$lat" -server 'clangd --log=error' "${big[@]}" -upto "$(upto "$1" -generate 1MB -spread)" 2>&1 | pick 'edit:|peak')"
  echo "edit, numpy-hpy: $("$lat" -server 'clangd --log=error' "${np[@]}" -upto "$(upto "$1" "${np[@]:0:5}")" 2>&1 | pick 'edit:|peak')"
fi
