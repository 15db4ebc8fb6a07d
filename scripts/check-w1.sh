#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build every object the series adds or modifies with W=1, in the guest
# build: no warnings at all.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

objs=$(series_objects)
[ -n "$objs" ] || die "W=1: the series has no C file to build"

# W=1 changes the command lines, so Kbuild recompiles these objects now,
# and again with the normal flags at the next build.
out=$(kmake guest W=1 $objs 2>&1) || { echo "$out"; result FAIL "W=1: build"; exit 1; }
failed=0
for o in $objs; do
	c=${o%.o}.c
	warnings=$(grep -E "(^|/)$c:[0-9]+:[0-9]+: (warning|error)" <<<"$out" || true)
	if [ -z "$warnings" ]; then
		result PASS "W=1: $o"
	else
		sed 's/^/  /' <<<"$warnings"
		result FAIL "W=1: $o"
		failed=1
	fi
done
# Any other warning (from a header the series touches, say) fails too.
if grep -qE ': warning: ' <<<"$out"; then
	grep -E ': warning: ' <<<"$out" | sed 's/^/  /'
	result FAIL "W=1: warnings outside the series' C files"
	failed=1
fi
exit "$failed"
