#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build one variant of the guest kernel in the guest's build directory,
# build/out/guest, and keep its bzImage as build/out/images/<variant>.bzImage.
#
#   build-variant.sh <variant> <fragment>... [-- <make targets>]
#
# The variants differ from the guest kernel by a few options (another
# LOCALVERSION, vfio-pci as a module, PCI_LIVEUPDATE off). In one build
# directory, Kbuild's per-option dependencies rebuild only the files that a
# changed option reaches; a directory of its own would compile the whole
# kernel again, and ccache misses there because autoconf.h differs. Build
# the guest kernel itself (build-kernel.sh guest) after the variants: the
# selftests, sparse and W=1 use the directory as the guest kernel.
#
# A variant whose kernel source (the work tree's files, committed or not,
# but for Documentation/ and tools/testing/), configuration and compiler are
# those of its last build is not built again, as make
# would find nothing to do; its key is kept next to its image.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=$1; shift
args=("$@")
fragments=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do fragments+=("$1"); shift; done

image=$IMAGES/$variant.bzImage
key=$({ kernel_source_id "$WORK" "$(worktree_tree_id "$WORK")"; compiler_id
	 cat "${SELFTEST_CONFIGS[@]}" "${fragments[@]}"; echo "${args[*]}"; } | sha256sum | cut -d' ' -f1)
if [ -f "$image" ] && [ "$(cat "$image.key" 2>/dev/null)" = "$key" ]; then
	log "$variant: up to date (same source and configuration as its last build)"
	exit 0
fi

rm -f "$image.key"
"$TOP/scripts/build-kernel.sh" guest "${args[@]}"
mkdir -p "$IMAGES"
cp "$OUT/guest/arch/x86/boot/bzImage" "$image"
echo "$key" >"$image.key"
