#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job. For now: fetch the base, apply the series, build the guest
# kernel, and say where it is.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/install-deps.sh"
"$TOP/scripts/make-worktree.sh"
"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config"
cat <<MSG

The series is applied in $WORK
($(git -C "$WORK" log --oneline "$BASE_TAG..$BRANCH" | wc -l) patches on $(git -C "$WORK" log -1 --format=%s "$BASE_TAG")).
Guest kernel: $OUT/guest/arch/x86/boot/bzImage
MSG
