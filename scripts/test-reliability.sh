#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The long version of the reliability tests (make reliability), on the
# guest kernel of make test:
# - the vfio-pci uAPI test with CYCLES preserve/unpreserve cycles (default
#   1000), each allocation of the preserve and of the freeze failed in
#   turn, and kmemleak asked for leaks at the end;
# - CHAINS runs (default 5) of the chained Live Update, A -> B -> C, of
#   the edu device with a DMA in flight at each kexec.
# Prints the counts the tests report, the time taken, and ends with
# "N passed, N failed[, N skipped]".
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/selftest-lib.sh"

CYCLES=${CYCLES:-1000}
CHAINS=${CHAINS:-5}
export VMTEST_TIMEOUT=${VMTEST_TIMEOUT:-1800}
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"' EXIT
export RESULTS
start=$SECONDS

"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config" >&2 ||
	die "the guest kernel does not build"

uapi_selftest reliability-uapi "reliability: vfio_pci_liveupdate" \
	"vfio_pci_lu.cycles=$CYCLES"
grep -aE '^# (preserve|freeze): .* faults injected|cycles$|^# kmemleak: [0-9]+ leaks' \
	"$OUT/vmtest/reliability-uapi/qemu.serial" | sed 's/^# /  /'

for i in $(seq "$CHAINS"); do
	kexec_selftest "reliability-chained-$i" \
		"chained Live Update A -> B -> C, run $i of $CHAINS" \
		-a "$GUEST_KERNEL_ARGS luo_vfio_pci=chained luo_stages=3"
done

echo "reliability: $((SECONDS - start)) s"
count() { cut -f1 "$RESULTS" | grep -cx "$1"; }
line="$(count PASS) passed, $(count FAIL) failed"
[ "$(count SKIP)" = 0 ] || line="$line, $(count SKIP) skipped"
echo "$line"
[ "$(count FAIL)" = 0 ]
