#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build sparse from Debian's newer source package into build/sparse and print
# the binary's path. Bookworm's sparse 0.6.4 fails 7.3's
# scripts/checker-valid.sh, and 'make C=1' then silently skips sparse.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=private-apt.sh
. "$TOP/scripts/private-apt.sh"

dir=$BUILD/sparse
bin=$(ls "$dir"/sparse-*/sparse 2>/dev/null | head -n1 || true)
if [ -z "$bin" ]; then
	private_apt_update
	rm -rf "$dir"
	mkdir -p "$dir"
	log "fetching the sparse source package from $SPARSE_SOURCE_SUITE"
	(cd "$dir" && private_apt_get -q source "sparse/$SPARSE_SOURCE_SUITE" >&2)
	src=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'sparse-*' | head -n1)
	[ -n "$src" ] || die "apt-get source sparse produced no source tree"
	log "building $(basename "$src")"
	# Debian patches the Makefile to use its own gcc-16; use the host gcc.
	make -C "$src" -s -j"$JOBS" CC=gcc sparse >&2
	bin=$src/sparse
fi
[ -x "$bin" ] || die "no sparse binary in $dir"
echo "$bin"
