#!/usr/bin/env bash
# The steps of the hpylint GitHub Action (action.yml at the repository
# root), kept in a script so that .ci/test-action runs exactly this code.
#
#   action.sh install   build hpylint from the action's checkout and put it
#                       on the job's PATH
#   action.sh run       run it: annotations and the text report in the log,
#                       optionally a SARIF log; the step fails when hpylint
#                       does
#   action.sh audit     the same with `hpylint audit` on the built artifacts
#                       (the SARIF log goes to NAME-audit.sarif)
#
# Inputs come from the environment (never interpolated into shell code):
# HPYLINT_ACTION_PATH, HPYLINT_VERSION, HPYLINT_PATHS, HPYLINT_ARGS,
# HPYLINT_SARIF, HPYLINT_SARIF_FILE, HPYLINT_AUDIT, HPYLINT_AUDIT_ARGS; and GitHub's RUNNER_TEMP, GITHUB_PATH,
# GITHUB_OUTPUT.
set -euo pipefail

output() { # output NAME VALUE: a step output
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
	fi
}

install() {
	local src="${HPYLINT_ACTION_PATH:?HPYLINT_ACTION_PATH is not set}"
	local bin="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/hpylint-bin"
	local version="${HPYLINT_VERSION:-}"
	if [ -z "$version" ]; then
		version="$(git -C "$src" describe --tags --always --dirty 2>/dev/null || echo dev)"
	fi
	mkdir -p "$bin"
	echo "Building hpylint $version from $src (cgo; the first build compiles the tree-sitter grammars)"
	# --version prints cmd/internal/version's number, which a release tag names.
	(cd "$src" && GOBIN="$bin" go install ./cmd/hpylint)
	if [ -n "${GITHUB_PATH:-}" ]; then
		echo "$bin" >>"$GITHUB_PATH"
	fi
	"$bin/hpylint" --version
}

# hpylint_bin prints the hpylint to run: the one on PATH, else the one
# install() built.
hpylint_bin() {
	if command -v hpylint >/dev/null; then
		echo hpylint
	else
		echo "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/hpylint-bin/hpylint"
	fi
}

run() {
	local hpylint
	hpylint="$(hpylint_bin)"
	local -a paths=() args=()
	read -r -a paths <<<"${HPYLINT_PATHS:-.}"
	read -r -a args <<<"${HPYLINT_ARGS:-}"
	[ "${#paths[@]}" -gt 0 ] || paths=(.)

	if [ "${HPYLINT_SARIF:-false}" = true ]; then
		local sarif="${HPYLINT_SARIF_FILE:-hpylint.sarif}"
		# --exit-zero: the log is written whatever is found; the run below
		# decides whether the step fails.
		local code=0
		"$hpylint" --format sarif --output "$sarif" --exit-zero "${args[@]}" -- "${paths[@]}" || code=$?
		if [ "$code" != 0 ]; then
			echo "::error title=hpylint::hpylint could not write the SARIF log (exit code $code)"
		else
			output sarif-file "$(cd "$(dirname "$sarif")" && pwd)/$(basename "$sarif")"
		fi
	fi

	# GitHub shows only the first ten errors and ten warnings of a step as
	# annotations: --format github prints them, then the full text report.
	local status=0
	"$hpylint" --format github "${args[@]}" -- "${paths[@]}" || status=$?
	output exit-code "$status"
	return "$status"
}

audit() {
	local hpylint
	hpylint="$(hpylint_bin)"
	local -a paths=() args=()
	read -r -a paths <<<"${HPYLINT_AUDIT:-}"
	read -r -a args <<<"${HPYLINT_AUDIT_ARGS:-}"
	if [ "${#paths[@]}" -eq 0 ]; then
		echo "::error title=hpylint audit::the audit input names no path"
		output exit-code 2
		return 2
	fi

	if [ "${HPYLINT_SARIF:-false}" = true ]; then
		local sarif="${HPYLINT_SARIF_FILE:-hpylint.sarif}"
		sarif="${sarif%.sarif}-audit.sarif"
		local code=0
		"$hpylint" audit --format sarif --output "$sarif" --exit-zero "${args[@]}" -- "${paths[@]}" || code=$?
		if [ "$code" != 0 ]; then
			echo "::error title=hpylint audit::hpylint audit could not write the SARIF log (exit code $code)"
		else
			output sarif-file "$(cd "$(dirname "$sarif")" && pwd)/$(basename "$sarif")"
		fi
	fi

	local status=0
	"$hpylint" audit --format github "${args[@]}" -- "${paths[@]}" || status=$?
	output exit-code "$status"
	return "$status"
}

case "${1:-}" in
install) install ;;
run) run ;;
audit) audit ;;
*)
	echo "usage: $0 install|run|audit" >&2
	exit 2
	;;
esac
