#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The long version of the reliability tests (make reliability), on the
# guest kernel of make test:
# - the vfio-pci uAPI test with CYCLES preserve/unpreserve cycles (default
#   1000), each allocation of the preserve and of the freeze failed in
#   turn, and kmemleak asked for leaks at the end;
# - CHAINS runs (default 5) of the chained Live Update, A -> B -> C, of
#   the edu device with a DMA in flight at each kexec;
# - CHURNS runs (default 5) of the kexec started while other processes
#   preserve, unpreserve, open sessions and read sysfs (lockdep on); each
#   also fails on a splat in any of its kernels.
# Prints the counts the tests report, the time taken, and ends with
# "N passed, N failed[, N skipped]".
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/selftest-lib.sh"

CYCLES=${CYCLES:-1000}
CHAINS=${CHAINS:-5}
CHURNS=${CHURNS:-5}
export VMTEST_TIMEOUT=${VMTEST_TIMEOUT:-1800}
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"' EXIT
export RESULTS
start=$SECONDS

"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config" >&2 ||
	die "the guest kernel does not build"

uapi_selftest reliability-uapi "reliability: vfio_pci_liveupdate" \
	"vfio_pci_lu.cycles=$CYCLES"
grep -aE '^# (preserve|freeze): .* faults injected|preserve/unpreserve cycles|^# kmemleak: [0-9]+ leaks' \
	"$OUT/vmtest/reliability-uapi/qemu.serial" | sed 's/^# /  /'

for i in $(seq "$CHAINS"); do
	kexec_selftest "reliability-chained-$i" \
		"chained Live Update A -> B -> C, run $i of $CHAINS" \
		-a "$GUEST_KERNEL_ARGS luo_vfio_pci=chained luo_stages=3"
done

for i in $(seq "$CHURNS"); do
	kexec_selftest "reliability-concurrent-$i" \
		"kexec under concurrent preserve, sessions and sysfs, run $i of $CHURNS" \
		-a "$GUEST_KERNEL_ARGS luo_vfio_pci=concurrent"
	grep -a 'DEMO: kexec refused\|came along' \
		"$OUT/vmtest/reliability-concurrent-$i/qemu.serial" | sed 's/^# /  /'
done

echo "reliability: $((SECONDS - start)) s"
count() { cut -f1 "$RESULTS" | grep -cx "$1"; }
line="$(count PASS) passed, $(count FAIL) failed"
[ "$(count SKIP)" = 0 ] || line="$line, $(count SKIP) skipped"
echo "$line"
[ "$(count FAIL)" = 0 ]
