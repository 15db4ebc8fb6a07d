#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Bisectability and configurations:
# - every prefix of the series (each patch on top of the ones before it)
#   builds drivers/pci/ and the directories of every C file the series
#   touches, with the guest configuration (PCI_LIVEUPDATE=y);
# - the whole series builds a whole kernel with the guest configuration,
#   with vfio-pci built in and as a module, and as the next kernel of the
#   kexec tests (configs/next-kernel.config);
# - the whole series builds a whole kernel with PCI_LIVEUPDATE=n.
# Prefixes are checked out in a second git worktree, build/bisect, so that
# the work tree and its build stay untouched.
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

commits=$(git -C "$WORK" rev-list --reverse "$BASE_TAG..$BRANCH")
head=$(git -C "$WORK" rev-parse "$BRANCH")
dirs=$( { echo drivers/pci/; series_objects | xargs -r -n1 dirname | sed 's|$|/|'; } | sort -u)

if [ "$(wc -w <<<"$commits")" -gt 1 ]; then
	build_prefix() {
		checkout_bisect "$1" &&
		PATH="$CCACHE_PATH:$PATH" make -C "$BISECT" O="$OUT/bisect" -j"$JOBS" -s $dirs
	}
	for c in $commits; do
		[ "$c" = "$head" ] && break
		check "build: $(git -C "$WORK" log -1 --format=%s "$c") (prefix, ${dirs//$'\n'/ })" build_prefix "$c"
	done
fi

check "build: whole kernel, PCI_LIVEUPDATE=y (guest)" \
	"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config"
check "build: whole kernel, vfio-pci as a module" \
	"$TOP/scripts/build-kernel.sh" vfio-pci-module "$TOP/configs/guest.config" "$TOP/configs/vfio-pci-module.config" -- bzImage modules
check "build: whole kernel, the next kernel of the kexec tests (LOCALVERSION, lockdep)" \
	"$TOP/scripts/build-kernel.sh" next-kernel "$TOP/configs/guest.config" "$TOP/configs/next-kernel.config"
check "build: whole kernel, PCI_LIVEUPDATE=n" \
	"$TOP/scripts/build-kernel.sh" no-pci-liveupdate "$TOP/configs/guest.config" "$TOP/configs/no-pci-liveupdate.config"
exit "$failed"
