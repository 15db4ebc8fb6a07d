#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build every object the series adds or modifies with W=1, with the guest
# configuration: no warnings at all. It builds in the bisect worktree at the
# series' end (build/bisect, build/out/bisect), not in the guest's build
# directory: W=1 changes the command lines, and the guest kernel would be
# recompiled and linked again at its next build.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

objs=$(series_objects)
[ -n "$objs" ] || die "W=1: the series has no C file to build"

checkout_bisect "$BRANCH" >/dev/null
out=$(bisect_make W=1 $objs 2>&1) ||
	{ echo "$out"; result FAIL "W=1: build"; exit 1; }
failed=0
for o in $objs; do
	report_clean W=1 "$o" "$(diagnostics_of "${o%.o}.c" "$out")" || failed=1
done
# Any other warning (from a header the series touches, say) fails too.
ours=$(sed 's/\.o$/\.c/' <<<"$objs" | paste -sd'|')
others=$(grep -E ': warning: ' <<<"$out" | grep -vE "(^|/)($ours):" || true)
report_clean W=1 "no warnings outside the series' C files" "$others" || failed=1
exit "$failed"
