#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/kernel-doc -none -Wall on every C file and header that the series
# adds (no warning at all), and on those in which it adds or changes
# kernel-doc comments (no warning that the base's version of the file does
# not have: some base files carry warnings of their own).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

added=$(git -C "$WORK" diff --name-only --diff-filter=A "$BASE_TAG..$BRANCH" -- '*.c' '*.h' | grep -v '^tools/' || true)
# Modified files whose diff touches a kernel-doc comment (/** ... */).
# Not grep -q: its early exit would kill git diff with SIGPIPE, and
# pipefail would then drop the file from the list.
modified=$(for f in $(git -C "$WORK" diff --name-only --diff-filter=M "$BASE_TAG..$BRANCH" -- '*.c' '*.h' | grep -v '^tools/'); do
	git -C "$WORK" diff -U0 "$BASE_TAG..$BRANCH" -- "$f" | grep -E '^\+\s*/\*\*' >/dev/null && echo "$f"
done || true)

# kernel_doc_warnings <file> [<revision>]: the warnings on the file, or on
# its version at <revision>, without file names and line numbers.
kernel_doc_warnings() {
	local f=$1 rev=${2:-} tmp
	tmp=$(mktemp --suffix=".${f##*.}")
	if [ -n "$rev" ]; then git -C "$WORK" show "$rev:$f" >"$tmp"; else cp "$WORK/$f" "$tmp"; fi
	(cd "$WORK" && ./scripts/kernel-doc -none -Wall "$tmp" 2>&1) |
		sed -E 's/^(Warning|warning): [^ ]*:[0-9]+:? /\1: /' | sort -u
	rm -f "$tmp"
}

failed=0 files=0
for f in $added; do
	files=$((files + 1))
	report_clean kernel-doc "$f" "$(kernel_doc_warnings "$f")" || failed=1
done
for f in $modified; do
	files=$((files + 1))
	report_clean kernel-doc "$f (new warnings)" "$(comm -13 <(kernel_doc_warnings "$f" "$BASE_TAG") \
		<(kernel_doc_warnings "$f"))" || failed=1
done
[ "$files" -gt 0 ] || die "kernel-doc: the series has no file to check"
exit "$failed"
