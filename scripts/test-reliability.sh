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
#   preserve, unpreserve, unbind and rebind, rescan, open sessions and
#   read sysfs (lockdep on); each also fails on a splat in any of its
#   kernels;
# - the device's retrieve failed at each of its allocations in turn, one
#   kexec each, until the retrieve makes no more; and LUO's tracking of the
#   retrieved file failed;
# - on a KCSAN kernel and on a KASAN kernel (both with lockdep), each built
#   in a directory of its own, in the background while the stages before
#   run: DEBUG_CHURNS runs (default 3) of that concurrent kexec, a chained
#   Live Update and a retrieve failed in its handler.
# Prints the counts the tests report, the time of each stage, and ends
# with "N passed, N failed[, N skipped]".
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/runner.sh"
. "$TOP/scripts/selftest-lib.sh"

CYCLES=${CYCLES:-1000}
CHAINS=${CHAINS:-5}
CHURNS=${CHURNS:-5}
DEBUG_CHURNS=${DEBUG_CHURNS:-3}
# More than the retrieve makes: the loop ends before.
MAX_RETRIEVE_FAULTS=30
export VMTEST_TIMEOUT=${VMTEST_TIMEOUT:-1800}

uapi_stage() {
	local rc=0
	uapi_selftest reliability-uapi "reliability: vfio_pci_liveupdate" \
		"vfio_pci_lu.cycles=$CYCLES" || rc=1
	grep -aE '^# (preserve|freeze): .* (faults injected|preserved pages)|preserve/unpreserve cycles|^# kmemleak: [0-9]+ leaks' \
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
			"kexec under concurrent preserve, unbind, sessions and sysfs, run $i of $CHURNS" \
			-a "$GUEST_KERNEL_ARGS luo_vfio_pci=concurrent" || rc=1
		grep -a 'DEMO: kexec refused\|came along' \
			"$OUT/vmtest/reliability-concurrent-$i/qemu.serial" | sed 's/^# /  /'
	done
	return "$rc"
}

# One kexec per failed allocation of the retrieve: stops at the first n
# the retrieve does not reach.
retrieve_fault_stage() {
	local n serial rc=0 reached_end=0
	for n in $(seq "$MAX_RETRIEVE_FAULTS"); do
		serial=$OUT/vmtest/reliability-retrieve-fault-$n/qemu.serial
		kexec_selftest "reliability-retrieve-fault-$n" \
			"retrieve with allocation $n failed" \
			-a "$GUEST_KERNEL_ARGS luo_vfio_pci=retrieve-fault luo_fail_nth=$n" || rc=1
		grep -a 'DEMO: fault' "$serial" | sed 's/^# /  /'
		if grep -aq 'no fault' "$serial"; then
			reached_end=1
			break
		fi
	done
	if [ "$reached_end" = 0 ]; then
		result FAIL "retrieve faults: the retrieve still failed at allocation $MAX_RETRIEVE_FAULTS"
		rc=1
	fi
	kexec_selftest reliability-retrieve-untracked \
		"retrieve whose file LUO cannot track" \
		-a "$GUEST_KERNEL_ARGS luo_vfio_pci=retrieve-fault luo_fail_xarray" || rc=1
	return "$rc"
}

# KASAN's shadow memory inflates the early reservations that KHO's default
# scratch size follows, past what the 1 GiB guest has; the next kernel also
# allocates its shadow from scratch.
DEBUG_KERNEL_ARGS="$GUEST_KERNEL_ARGS kho_scratch=16M,256M,32M"

# debug_stage <kernel>: on build/out/<kernel>, the concurrent kexec
# DEBUG_CHURNS times, then the chained Live Update and a failed retrieve.
debug_stage() {
	local kernel=$1 i rc=0
	for i in $(seq "$DEBUG_CHURNS"); do
		VMTEST_KERNEL=$kernel kexec_selftest "reliability-$kernel-$i" \
			"kexec under concurrent churn on $kernel, run $i of $DEBUG_CHURNS" \
			-a "$DEBUG_KERNEL_ARGS luo_vfio_pci=concurrent" || rc=1
	done
	VMTEST_KERNEL=$kernel kexec_selftest "reliability-$kernel-chained" \
		"chained Live Update A -> B -> C on $kernel" \
		-a "$DEBUG_KERNEL_ARGS luo_vfio_pci=chained luo_stages=3" || rc=1
	VMTEST_KERNEL=$kernel kexec_selftest "reliability-$kernel-retrieve-fault" \
		"retrieve failed in its handler on $kernel" \
		-a "$DEBUG_KERNEL_ARGS luo_vfio_pci=retrieve-fault luo_fail_nth=1" || rc=1
	return "$rc"
}

# The debug kernels build in the background, one at a time: KCSAN while the
# stages on the guest kernel run, KASAN while those on KCSAN run. <name> is
# kasan or kcsan: build/out/guest-<name>, configs/<name>.config.
start_debug_kernel_build() {
	start_background "$TOP/scripts/build-kernel.sh" "guest-$1" \
		"$TOP/configs/guest.config" "$TOP/configs/$1.config"
}

# debug_kernel_stage <name>: wait for that build, and build it again: that
# has nothing left to do, or fails with the errors.
debug_kernel_stage() {
	wait_background
	"$TOP/scripts/build-kernel.sh" "guest-$1" \
		"$TOP/configs/guest.config" "$TOP/configs/$1.config"
}

run_required_stage "guest kernel" \
	"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config"
[ "$aborted" = 1 ] || start_debug_kernel_build kcsan
run_stage "uapi, $CYCLES cycles" uapi_stage
run_stage "chained, $CHAINS runs" chained_stage
run_stage "concurrent, $CHURNS runs" concurrent_stage
run_stage "retrieve faults" retrieve_fault_stage
if run_stage "KCSAN kernel" debug_kernel_stage kcsan; then
	start_debug_kernel_build kasan
	run_stage "on KCSAN" debug_stage guest-kcsan
fi
run_stage "KASAN kernel" debug_kernel_stage kasan &&
	run_stage "on KASAN" debug_stage guest-kasan
summary
