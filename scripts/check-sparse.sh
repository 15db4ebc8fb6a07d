#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# sparse (built from Debian's newer source package) on every C file the
# series adds or modifies, in the guest build: no warnings in those files
# but those the same files have on the base.
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

# The files the series modifies, checked on the base: their warnings there
# are not the series'.
modified=$(git -C "$WORK" diff --name-only --diff-filter=M "$BASE_TAG..$BRANCH" -- '*.c' |
	grep -v '^tools/' | sed 's/\.c$/.o/' || true)
# The base does not change: its output is kept, keyed by what it depends on.
sparse_of_base() {
	local key cached
	key=$({ git -C "$WORK" rev-parse "$BASE_TAG^{tree}"; sha256sum <"$sparse"; compiler_id
		guest_fragments; echo "$modified"; } |
		sha256sum | cut -d' ' -f1)
	cached=$OUT/bisect/sparse-of-base/$key
	if [ ! -f "$cached" ]; then
		checkout_bisect "$BASE_TAG" >/dev/null && mkdir -p "${cached%/*}" || return
		bisect_make C=2 CHECK="$sparse" $modified >"$cached.new" 2>&1 || { cat "$cached.new"; return 1; }
		mv "$cached.new" "$cached"
	fi
	cat "$cached"
}

base_out=
if [ -n "$modified" ]; then
	base_out=$(sparse_of_base) || { echo "$base_out"; result FAIL "sparse: build of the base"; exit 1; }
fi

# Diagnostics without their line and column, one per line.
messages() { sed -E 's/^(.*\/)?([^/:]+\.[ch]):[0-9]+:[0-9]+: /\2: /' | sort; }

failed=0
for o in $objs; do
	c=${o%.o}.c
	if ! grep -qE "^ +CHECK +(.*/)?$c\$" <<<"$out"; then
		result FAIL "sparse: did not run on $c"
		failed=1
		continue
	fi
	ours=$(diagnostics_of "$c" "$out")
	base=$(diagnostics_of "$c" "$base_out")
	name=$c
	if [ -n "$base" ]; then
		name="$c (not counted: the $(wc -l <<<"$base") warnings it has on the base)"
		# Only the warnings the base does not have, as many times.
		[ -z "$(comm -23 <(messages <<<"$ours") <(messages <<<"$base"))" ] && ours=""
	fi
	report_clean sparse "$name" "$ours" || failed=1
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
