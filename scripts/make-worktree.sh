#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Create the work tree build/linux: one tagged base commit of the kernel
# source, then one commit per patch of the series (git am).
#
# Idempotent: when the work tree already holds exactly the series, it does
# nothing. It never throws away work that is not exported to patches/.
#
# The base is the pinned Debian linux-source package, or the kernel tree
# given as KERNEL_SRC=<dir> (for example a checkout of v7.3).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

git_w() { git -C "$WORK" "$@"; }

base_id() {
	if [ -n "${KERNEL_SRC:-}" ]; then
		echo "KERNEL_SRC=$(cd "$KERNEL_SRC" && pwd)"
	else
		echo "$BASE_PACKAGE $(basename "$("$TOP/scripts/fetch-base.sh")")"
	fi
}

# Debian's top-level .gitignore ends with a block that ignores everything
# at the top level ("# Debian packaging", "/*", "!/debian/"). Drop it, or
# git sees no file of the tree.
drop_debian_gitignore_block() {
	local f=$WORK/.gitignore
	[ -f "$f" ] && grep -q '^# Debian packaging' "$f" || return 0
	sed -i '/^# Debian packaging/,$d' "$f"
	log "dropped Debian's packaging block from the top-level .gitignore"
}

unpack_base() {
	if [ -n "${KERNEL_SRC:-}" ]; then
		[ -f "$KERNEL_SRC/Makefile" ] || die "KERNEL_SRC=$KERNEL_SRC is not a kernel tree"
		log "copying the base from $KERNEL_SRC"
		rsync -a --exclude=/.git "$KERNEL_SRC/" "$WORK/"
		return
	fi
	local deb
	deb=$("$TOP/scripts/fetch-base.sh")
	log "extracting $(basename "$deb")"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
		tar -xJ --strip-components=1 -C "$WORK"
}

# The base commit has fixed dates and author, so that the same source gives
# the same commit id on every machine: it is the base-commit of the export.
create_base_commit() {
	local id=$1 version
	rm -rf "$WORK"
	mkdir -p "$WORK"
	unpack_base
	drop_debian_gitignore_block
	version=$(make -s -C "$WORK" kernelversion)
	git init -q -b "$BRANCH" "$WORK"
	git_w config gc.auto 0
	git_w config user.name "$(git -C "$TOP" config user.name)"
	git_w config user.email "$(git -C "$TOP" config user.email)"
	log "importing the base into git (about a minute)"
	# -f: the tree's own .gitignore rules would skip its dot-files
	# (every .kunitconfig among them).
	git_w add -A -f
	GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
	GIT_AUTHOR_NAME=base GIT_AUTHOR_EMAIL=base@invalid \
	GIT_COMMITTER_NAME=base GIT_COMMITTER_EMAIL=base@invalid \
		git_w commit -q -m "Linux $version" -m "Base: $id" \
		-m "Debian's packaging block of the top-level .gitignore is dropped."
	git_w tag "$BASE_TAG"
	echo "$id" >"$WORK/.git/base-id"
}

# patch-ids of the series' patch files, and of the work tree's commits.
patch_ids_of_files() {
	local p
	for p in $(series_patches); do git patch-id --stable <"$p"; done | cut -d' ' -f1
}

patch_ids_of_commits() {
	local c
	for c in $(git_w rev-list --reverse "$BASE_TAG..HEAD"); do
		git_w show "$c" | git patch-id --stable | cut -d' ' -f1
	done
}

series_is_applied() {
	[ "$(git_w rev-parse --abbrev-ref HEAD)" = "$BRANCH" ] &&
		[ -z "$(git_w status --porcelain --untracked-files=no)" ] &&
		[ "$(patch_ids_of_files)" = "$(patch_ids_of_commits)" ]
}

# No pipeline into an early exit here: under pipefail, the SIGPIPE of its
# writer would turn a "yes" into a "no", and the work tree would be rebuilt.
has_unexported_work() {
	[ -n "$(git_w status --porcelain --untracked-files=no)" ] && return 0
	local ids id
	ids=$(patch_ids_of_files)
	for id in $(patch_ids_of_commits); do
		grep -qxF "$id" <<<"$ids" || return 0
	done
	return 1
}

apply_series() {
	local p out
	git_w checkout -q -B "$BRANCH" "$BASE_TAG"
	"$TOP/scripts/cover-letter.sh" import
	for p in $(series_patches); do
		if ! out=$(git_w am -q --keep-cr "$p" 2>&1); then
			git_w am --abort || true
			echo "$out" >&2
			die "$(basename "$p") does not apply: $(grep -oE 'patch failed: [^:]+' <<<"$out" | sed 's/patch failed: //' | sort -u | paste -sd' ')"
		fi
	done
	log "applied $(series_patches | wc -l) patches on $(git_w log -1 --format=%s "$BASE_TAG")"
}

id=$(base_id)
if [ ! -f "$WORK/.git/base-id" ] || [ "$(cat "$WORK/.git/base-id")" != "$id" ]; then
	[ -d "$WORK/.git" ] && has_unexported_work &&
		die "$WORK has unexported work and its base changed; export or remove it first"
	create_base_commit "$id"
fi

if series_is_applied; then
	log "work tree is up to date: $WORK"
	exit 0
fi
if has_unexported_work && [ "${FORCE:-0}" != 1 ]; then
	die "$WORK holds work that is not in patches/: run 'make export' first, or FORCE=1 to drop it"
fi
apply_series
