#!/usr/bin/env bash
# Runs every Go fuzz target of the repository (every `func FuzzXxx(f
# *testing.F)` in a _test.go file) for the same time each, a few at a time,
# and prints a table: target, execs, new interesting inputs, crashers (files
# the run added under the package's testdata/fuzz/<target>/).
#   bench/fuzz.sh [DURATION] [REGEXP]
# REGEXP picks targets by package directory and name, e.g. 'lsp\.' or
# 'cfacts\.FuzzExtract$' (default: all).
# DURATION is go test's -fuzztime (default 10m; "3s", "100000x").
# FUZZ_JOBS targets run side by side (default 2, one worker each);
# FUZZ_MINIMIZE bounds the minimisation of each new input (default 5s: the
# slow targets otherwise spend their time minimising).
# Exits 1 when a target failed or left a crasher; its log is kept and named.
# Uses only Go and bash.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10m}"
only="${2:-.}"
jobs="${FUZZ_JOBS:-2}"
minimize="${FUZZ_MINIMIZE:-5s}"
logs="$(mktemp -d)"

# package directory and target name, one "dir name" per line
targets=()
while IFS= read -r hit; do
	file="${hit%%:*}"
	name="${hit#*func }"
	name="${name%%(*}"
	dir="$(dirname "$file")"
	[[ "${dir#./}.$name" =~ $only ]] || continue
	targets+=("$dir $name")
done < <(grep -rEo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' . | sort)
[ "${#targets[@]}" -gt 0 ] || { echo "fuzz: no target matches $only" >&2; exit 2; }
echo "fuzz: ${#targets[@]} targets, $duration each, $jobs at a time; logs in $logs"

corpus() { # the seed and crasher files of one target, one name a line
	ls -1 "$1/testdata/fuzz/$2" 2>/dev/null || true
}

run() { # dir name: fuzz one target, then write its table row
	local dir="$1" name="$2" key="${1//\//_}_$2"
	corpus "$dir" "$name" >"$logs/$key.before"
	local status=ok
	go test -run '^$' -fuzz "^$name\$" -fuzztime "$duration" -fuzzminimizetime "$minimize" \
		-parallel 1 "$dir" >"$logs/$key.log" 2>&1 || status=FAIL
	corpus "$dir" "$name" >"$logs/$key.after"
	local last execs=- interesting=- crashers
	last="$(grep -E 'elapsed: .*execs: [0-9]+' "$logs/$key.log" | tail -n 1 || true)"
	if [ -n "$last" ]; then
		execs="$(sed -E 's/.*execs: ([0-9]+).*/\1/' <<<"$last")"
		interesting="$(sed -E 's/.*new interesting: ([0-9]+).*/\1/' <<<"$last")"
	fi
	crashers="$(comm -13 "$logs/$key.before" "$logs/$key.after" | sed "s|^|$dir/testdata/fuzz/$name/|" | tr '\n' ' ')"
	# Go's fuzzing engine itself can end a short run with "context deadline
	# exceeded" when its worker is still inside an input as the time runs
	# out (golang/go#56238); with no failing input and no crasher written,
	# no input failed: the run counts, marked "late".
	if [ "$status" = FAIL ] && [ -z "$crashers" ] && grep -q 'context deadline exceeded' "$logs/$key.log" &&
		! grep -qE 'Failing input|panic:|--- FAIL: .*\(.*\)$' <(grep -v '^--- FAIL: '"$name"' ' "$logs/$key.log"); then
		status=late
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$dir" "$name" "$execs" "$interesting" "$status" "${crashers:-none}" >"$logs/$key.row"
	echo "fuzz: $dir $name: $status, $execs execs"
}

running=0
for t in "${targets[@]}"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n || true
		running=$((running - 1))
	fi
	# shellcheck disable=SC2086 # "dir name" splits on purpose
	run $t &
	running=$((running + 1))
done
wait

failed=0
printf '\n%-48s %12s %12s  %-6s %s\n' TARGET EXECS INTERESTING STATUS CRASHERS
for t in "${targets[@]}"; do
	read -r dir name <<<"$t"
	IFS=$'\t' read -r dir name execs interesting status crashers <"$logs/${dir//\//_}_$name.row"
	printf '%-48s %12s %12s  %-6s %s\n' "${dir#./}.$name" "$execs" "$interesting" "$status" "$crashers"
	if [ "$status" = FAIL ] || [ "$crashers" != none ]; then
		failed=1
		echo "  log: $logs/${dir//\//_}_$name.log"
	fi
done
if [ "$failed" = 0 ]; then
	rm -rf "$logs"
fi
exit "$failed"
