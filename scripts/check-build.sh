#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Bisectability and configurations:
# - every prefix of the series (each patch on top of the ones before it)
#   builds the objects of every C file that the series has added or changed
#   up to that patch, with the guest configuration (PCI_LIVEUPDATE=y); the
#   prefixes are built one after the other in a second git worktree,
#   build/bisect, so that Kbuild recompiles only what each patch reaches;
#   a prefix already built with the same source and configuration is not
#   built again;
# - the whole series builds a whole kernel without PCI_LIVEUPDATE, with
#   vfio-pci as a module, as the next kernel of the kexec tests, and as the
#   guest kernel: one after the other, in one build directory
#   (scripts/build-variant.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

failed=0
check() {
	local name=$1; shift
	local log=$BUILD/logs/$(tr -c 'A-Za-z0-9._-' _ <<<"$name").log
	mkdir -p "$BUILD/logs"
	if "$@" >"$log" 2>&1; then
		result PASS "$name"
	else
		grep -E 'error|Error|warning:' "$log" | head -n 30 | sed 's/^/  /'
		echo "  (full log: $log)"
		result FAIL "$name"
		failed=1
	fi
}

# What the build of prefix <rev> depends on: its kernel source, the
# configuration and the compiler. A prefix that built with the same key before is not
# built again, as make would find nothing to do.
prefix_key() {
	{ kernel_source_id "$WORK" "$1^{tree}"; compiler_id
	  guest_fragments; } |
		sha256sum | cut -d' ' -f1
}

build_prefix() {
	local objs key built=$OUT/bisect/built
	objs=$(objects_up_to "$1")
	key=$(prefix_key "$1")
	if [ -e "$built/$key" ]; then
		echo "up to date: built before with the same source and configuration"
		return 0
	fi
	checkout_bisect "$1" || return
	if [ -n "$objs" ]; then
		bisect_make -s $objs ||
			return
	fi
	mkdir -p "$built" && touch "$built/$key"
}

head=$(git -C "$WORK" rev-parse "$BRANCH")
for c in $(git -C "$WORK" rev-list --reverse "$BASE_TAG..$BRANCH"); do
	[ "$c" = "$head" ] && break
	check "build: $(git -C "$WORK" log -1 --format=%s "$c") (prefix: $(objects_up_to "$c" | wc -l) objects)" \
		build_prefix "$c"
done

variant() {
	local what=$1 name=$2; shift 2
	check "build: whole kernel, $what" "$TOP/scripts/build-variant.sh" "$name" \
		"$TOP/configs/guest.config" "$@"
}
variant "PCI_LIVEUPDATE=n, IOMMU_LIVEUPDATE=n" no-pci-liveupdate "$TOP/configs/no-pci-liveupdate.config"
variant "vfio-pci as a module" vfio-pci-module "$TOP/configs/vfio-pci-module.config" -- bzImage modules
variant "the next kernel of the kexec tests (LOCALVERSION)" next-kernel "$TOP/configs/next-kernel.config"
check "build: whole kernel, PCI_LIVEUPDATE=y (guest)" \
	"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config"
exit "$failed"
