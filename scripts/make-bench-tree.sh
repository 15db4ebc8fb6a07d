#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Create build/linux-bench: a second git worktree of the work tree on branch
# "bench", the series (branch "series", as committed) plus the project's
# benchmark patches, bench/*.patch. They are tooling of this project, not
# part of the series: make bench and the debug KUnit run of make test build
# from this tree. Idempotent: nothing happens when the branch already is
# the series plus those patches.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

git_b() { git -C "$BENCH_WORK" "$@"; }

patch_ids() { for p in "$@"; do git patch-id --stable <"$p"; done | cut -d' ' -f1; }

is_current() {
	local n=$1
	[ "$(git_b rev-parse "HEAD~$n" 2>/dev/null)" = "$(git -C "$WORK" rev-parse "$BRANCH")" ] &&
	[ -z "$(git_b status --porcelain --untracked-files=no)" ] &&
	[ "$(for c in $(git_b rev-list --reverse "HEAD~$n..HEAD"); do
		git_b show "$c" | git patch-id --stable; done | cut -d' ' -f1)" = "$(patch_ids "${patches[@]}")" ]
}

patches=("$TOP"/bench/*.patch)
if [ ! -e "$BENCH_WORK/.git" ]; then
	rm -rf "$BENCH_WORK"
	git -C "$WORK" worktree prune
	log "creating the benchmark worktree $BENCH_WORK"
	git -C "$WORK" worktree add -q -B "$BENCH_BRANCH" "$BENCH_WORK" "$BRANCH"
fi
if is_current "${#patches[@]}"; then
	log "benchmark tree is up to date: $BENCH_WORK"
	exit 0
fi
git_b checkout -q -B "$BENCH_BRANCH" "$BRANCH"
for p in "${patches[@]}"; do
	if ! git_b am -q --keep-cr "$p"; then
		git_b am --abort || true
		die "$(basename "$p") does not apply on the series"
	fi
done
log "applied ${#patches[@]} benchmark patch(es) on the series in $BENCH_WORK"
