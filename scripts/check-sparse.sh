#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# sparse (built from Debian's newer source package) on every C file the
# series adds or modifies, in the guest build: no warnings in those files.
# Fails if sparse did not really run on each of them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# SPARSE=<path> overrides the sparse binary (the check must then prove it runs).
sparse=${SPARSE:-$("$TOP/scripts/build-sparse.sh")}
objs=$(series_objects)
[ -n "$objs" ] || die "sparse: the series has no C file to check"

out=$(kmake guest C=2 CHECK="$sparse" $objs 2>&1) || { echo "$out"; result FAIL "sparse: build"; exit 1; }
if grep -q 'is not available or not up to date' <<<"$out"; then
	echo "$out" | grep 'not available'
	result FAIL "sparse: $sparse was refused by scripts/checker-valid.sh"
	exit 1
fi

failed=0
for o in $objs; do
	c=${o%.o}.c
	if ! grep -qE "^ +CHECK +(.*/)?$c\$" <<<"$out"; then
		result FAIL "sparse: did not run on $c"
		failed=1
		continue
	fi
	report_clean sparse "$c" "$(diagnostics_of "$c" "$out")" || failed=1
done
# Warnings in headers the series touches, seen while checking those files.
for h in $(series_files '*.h' | grep -v '^tools/'); do
	warnings=$(diagnostics_of "$h" "$out")
	if [ -n "$warnings" ]; then
		sed 's/^/  /' <<<"$warnings"
		result FAIL "sparse: $h"
		failed=1
	fi
done
exit "$failed"
