#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Check that patches/series lists exactly the patch files, and that every
# patch applies in order on the base. Applies into a scratch index: the work
# tree is not touched.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

listed=$(series_patches | xargs -n1 basename | sort)
present=$(cd "$TOP/patches" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-cover-letter' | sort)
if [ "$listed" = "$present" ]; then
	result PASS "series: patches/series lists every patch file"
else
	diff <(echo "$listed") <(echo "$present") | sed 's/^/  /'
	result FAIL "series: patches/series and the patch files differ"
fi

export GIT_INDEX_FILE=$BUILD/check-apply.index
trap 'rm -f "$GIT_INDEX_FILE"' EXIT
git -C "$WORK" read-tree "$BASE_TAG"
failed=0
for p in $(series_patches); do
	name=$(basename "$p")
	if [ "$failed" = 1 ]; then
		result FAIL "apply: $name (an earlier patch did not apply)"
	elif out=$(git -C "$WORK" apply --cached "$p" 2>&1); then
		result PASS "apply: $name"
	else
		echo "$out" | sed 's/^/  /'
		result FAIL "apply: $name does not apply to $(grep -oE 'patch failed: [^:]+' <<<"$out" | cut -d' ' -f3 | sort -u | paste -sd' ')"
		failed=1
	fi
done
exit "$failed"
