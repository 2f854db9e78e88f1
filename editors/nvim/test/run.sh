#!/usr/bin/env bash
# Tests the Neovim plugin (editors/nvim) with headless Neovim and the real
# hpyls: usage: editors/nvim/test/run.sh [PATH-TO-HPYLS]
# Without an argument, hpyls is built from this repository. Neovim writes
# its state (the LSP log) under a temporary directory, removed at exit.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
command -v nvim >/dev/null || { echo "nvim test: nvim is not installed" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"
if [ $# -gt 0 ]; then
	cp "$1" "$tmp/bin/hpyls"
else
	(cd "$root" && go build -o "$tmp/bin/hpyls" ./cmd/hpyls)
fi
cp -R "$root/testdata/integrations/bad" "$tmp/project"
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export HPYLS_TEST_PROJECT="$tmp/project"
echo "nvim test: $(nvim --version | head -1), hpyls $("$tmp/bin/hpyls" --version)"

status=0
for scenario in attach missing shim-start shim-config; do
	HPYLS_TEST_SCENARIO=$scenario PATH="$tmp/bin:$PATH" timeout 180 \
		nvim --headless --clean --cmd "set rtp^=$root/editors/nvim" \
		-c "luafile $root/editors/nvim/test/test.lua" "$tmp/project/src/speedups.c" </dev/null || status=$?
	if [ "$status" != 0 ]; then
		echo "nvim test: scenario $scenario failed (exit $status); LSP log:" >&2
		cat "$tmp"/state/nvim/lsp.log "$tmp"/cache/nvim/lsp.log 2>/dev/null | tail -50 >&2 || true
		exit 1
	fi
done
echo "nvim test: ok"
