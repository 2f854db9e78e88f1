#!/usr/bin/env bash
# Compares hpylint's wall time on source trees with a bare tree-sitter
# parse of the same C files (the baseline the speed targets use).
#   bench/compare.sh DIR [DIR ...]
# Example: the git and numpy sources (22 MB of plain C) should lint well
# under the bare parse, since files that cannot matter are not parsed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: bench/compare.sh DIR [DIR ...]" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/hpylint" ./cmd/hpylint
go build -o "$tmp/bareparse" ./bench/bareparse
"$tmp/bareparse" "$@"
for i in 1 2 3; do
  start=$(date +%s.%N)
  "$tmp/hpylint" --exit-zero --format json "$@" > "$tmp/out.json"
  end=$(date +%s.%N)
  echo "hpylint run $i: $(echo "$end - $start" | bc)s, $(grep -c '"code"' "$tmp/out.json" || true) diagnostics"
done
