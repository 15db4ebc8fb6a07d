#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/kernel-doc -none -Wall -Werror on every C file and header that the
# series adds, or in which it adds or changes kernel-doc comments.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

added=$(git -C "$WORK" diff --name-only --diff-filter=A "$BASE_TAG..$BRANCH" -- '*.c' '*.h' | grep -v '^tools/' || true)
# Modified files whose diff touches a kernel-doc comment (/** ... */).
modified=$(for f in $(git -C "$WORK" diff --name-only --diff-filter=M "$BASE_TAG..$BRANCH" -- '*.c' '*.h' | grep -v '^tools/'); do
	git -C "$WORK" diff -U0 "$BASE_TAG..$BRANCH" -- "$f" | grep -qE '^\+\s*/\*\*' && echo "$f"
done || true)

failed=0 files=0
for f in $added $modified; do
	files=$((files + 1))
	if out=$(cd "$WORK" && ./scripts/kernel-doc -none -Wall -Werror "$f" 2>&1); then
		result PASS "kernel-doc: $f"
	else
		sed 's/^/  /' <<<"$out"
		result FAIL "kernel-doc: $f"
		failed=1
	fi
done
[ "$files" -gt 0 ] || die "kernel-doc: the series has no file to check"
exit "$failed"
