#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build a kernel of the work tree in build/out/<name>, through ccache.
#
#   build-kernel.sh <name> <fragment>... [-- <make targets>]
#
# The configuration is the liveupdate selftests' fragments plus the given
# fragments (files under configs/, later ones win), completed by
# olddefconfig. Every option a fragment sets must survive, or the build
# fails. The build directory persists, so rebuilds are incremental.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1; shift
fragments=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do fragments+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(bzImage)

dir=$OUT/$name
mkdir -p "$dir" "$CCACHE_DIR"
selftest=$WORK/tools/testing/selftests/liveupdate
cat "$selftest/config" "$selftest/config.x86_64" "${fragments[@]}" >"$dir/fragment.new"

# Regenerate .config only when the fragment changed, to keep rebuilds
# incremental.
if ! cmp -s "$dir/fragment.new" "$dir/fragment" || [ ! -f "$dir/.config" ]; then
	log "configuring $name"
	cp "$dir/fragment.new" "$dir/.config"
	kmake "$name" -s olddefconfig
	"$TOP/scripts/check-config.sh" "$dir/fragment.new" "$dir/.config"
	mv "$dir/fragment.new" "$dir/fragment"
else
	rm -f "$dir/fragment.new"
fi

log "building $name: ${targets[*]}"
kmake "$name" -s "${targets[@]}"
