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
# Prints the counts the tests report, the time of each stage, and ends
# with "N passed, N failed[, N skipped]".
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/runner.sh"
. "$TOP/scripts/selftest-lib.sh"

CYCLES=${CYCLES:-1000}
CHAINS=${CHAINS:-5}
CHURNS=${CHURNS:-5}
export VMTEST_TIMEOUT=${VMTEST_TIMEOUT:-1800}

uapi_stage() {
	local rc=0
	uapi_selftest reliability-uapi "reliability: vfio_pci_liveupdate" \
		"vfio_pci_lu.cycles=$CYCLES" || rc=1
	grep -aE '^# (preserve|freeze): .* faults injected|preserve/unpreserve cycles|^# kmemleak: [0-9]+ leaks' \
		"$OUT/vmtest/reliability-uapi/qemu.serial" | sed 's/^# /  /'
	return "$rc"
}

chained_stage() {
	local i rc=0
	for i in $(seq "$CHAINS"); do
		kexec_selftest "reliability-chained-$i" \
			"chained Live Update A -> B -> C, run $i of $CHAINS" \
			-a "$GUEST_KERNEL_ARGS luo_vfio_pci=chained luo_stages=3" || rc=1
	done
	return "$rc"
}

concurrent_stage() {
	local i rc=0
	for i in $(seq "$CHURNS"); do
		kexec_selftest "reliability-concurrent-$i" \
			"kexec under concurrent preserve, sessions and sysfs, run $i of $CHURNS" \
			-a "$GUEST_KERNEL_ARGS luo_vfio_pci=concurrent" || rc=1
		grep -a 'DEMO: kexec refused\|came along' \
			"$OUT/vmtest/reliability-concurrent-$i/qemu.serial" | sed 's/^# /  /'
	done
	return "$rc"
}

run_required_stage "guest kernel" \
	"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config"
run_stage "uapi, $CYCLES cycles" uapi_stage
run_stage "chained, $CHAINS runs" chained_stage
run_stage "concurrent, $CHURNS runs" concurrent_stage
summary
