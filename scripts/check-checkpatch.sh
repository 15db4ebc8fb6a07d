#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/checkpatch.pl --strict on every patch file: 0 errors, 0 warnings,
# 0 checks.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# checkpatch.pl is single-threaded: run it on $JOBS patches at a time, each
# output in a file of its own, and report them in order.
outputs=$(mktemp -d)
trap 'rm -rf "$outputs"' EXIT
series_patches | (cd "$WORK" && xargs -P "$JOBS" -I{} sh -c \
	'./scripts/checkpatch.pl --strict --color=never "$1" >"$2/$(basename "$1")" 2>&1; true' \
	checkpatch {} "$outputs")

failed=0
for p in $(series_patches); do
	name=$(basename "$p")
	out=$(cat "$outputs/$name")
	summary=$(grep -E '^total: ' <<<"$out" || echo "no summary")
	# checkpatch ignores a failing spdxcheck.py; do not.
	if grep -q 'Traceback\|ModuleNotFoundError' <<<"$out"; then
		summary="$summary (a helper of checkpatch crashed)"
	fi
	if [[ $summary == "total: 0 errors, 0 warnings, 0 checks, "*" lines checked" ]]; then
		result PASS "checkpatch: $name"
	else
		sed 's/^/  /' <<<"$out"
		result FAIL "checkpatch: $name: $summary"
		failed=1
	fi
done
exit "$failed"
