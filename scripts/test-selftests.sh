#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the liveupdate selftests in QEMU with the series applied,
# through tools/testing/selftests/liveupdate/vmtest.sh, on the guest kernel
# (build/out/guest, configs/guest.config):
# - the vfio-pci uAPI test, on the guest of lib.sh (q35, an emulated Intel
#   IOMMU, an edu device bound to vfio-pci): every harness case is reported;
# - the kexec Live Update of that device (luo_vfio_pci_kexec), in four
#   scenarios: into another build with its own release string; into a kernel booted with
#   pci=assign-busses; after the device was unpreserved; a device never
#   retrieved, released by an unbind; into a kernel without PCI_LIVEUPDATE;
# - the upstream kexec tests that run-vmtests.sh lists: one result each.
# A kexec scenario fails too when either kernel logged a DMAR fault of the
# preserved edu device.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

SELFTESTS=tools/testing/selftests/liveupdate
export VMTEST_TIMEOUT=${VMTEST_TIMEOUT:-180}

failed=0

# The harness's KTAP lines from a serial log, as results. Fails when no case
# ran, or fewer than its plan ("1..N") announced.
harness_results() {
	local label=$1 serial=$2 n=0 plan
	while read -r line; do
		n=$((n + 1))
		case $line in
		"not ok "*) result FAIL "$label: ${line#not ok * }" ;;
		"ok "*"# SKIP"*) result SKIP "$label: ${line#ok * }" ;;
		"ok "*) result PASS "$label: ${line#ok * }" ;;
		esac
	done < <(grep -aoE '(not )?ok [0-9]+ [^ ]+( # SKIP.*)?$' "$serial")
	plan=$(grep -aoE '^1\.\.[0-9]+' "$serial" | head -n1 | cut -d. -f3)
	if [ -n "$plan" ] && [ "$n" -lt "$plan" ]; then
		result FAIL "$label: $n of $plan cases reported (crash or timeout?)"
	fi
	[ "$n" -gt 0 ]
}

# quiet: kernel messages on the serial console would break KTAP lines.
label="selftest vfio_pci_liveupdate"
vmtest vfio_pci_liveupdate -T vfio_pci_liveupdate -1 \
	-q "$GUEST_QEMU_ARGS" -a "$GUEST_KERNEL_ARGS quiet"
rc=$?
serial=$OUT/vmtest/vfio_pci_liveupdate/qemu.serial
if ! harness_results "$label" "$serial"; then
	tail -n 30 "$OUT/vmtest/vfio_pci_liveupdate.log" | sed 's/^/  /'
	result FAIL "$label: no test ran (exit $rc)"
	failed=1
elif [ "$rc" = 4 ]; then
	log "$label: every case skipped (each counted as a skip above)"
elif [ "$rc" != 0 ]; then
	grep -a 'INIT:\|# FAIL\|#  RUN' "$serial" | tail -n 20 | sed 's/^/  /'
	result FAIL "$label: vmtest.sh exited with $rc"
	failed=1
fi

log "QEMU accelerator: ${VMTEST_ACCEL:-not probed} (vmtest.sh uses kvm only if /dev/kvm boots the guest)"

# kexec_test <label> <what it shows> <vmtest.sh options...>: one scenario of
# luo_vfio_pci_kexec, the kexec Live Update of the edu device.
# The DMAR faults of the preserved edu device (05:00.0, lib.sh), in either
# kernel: the test itself sees only the log of the second.
preserved_device_faults() {
	grep -a 'Request device \[0000:05:00\.0\]' "$1"
}

kexec_test() {
	local label=$1 what=$2; shift 2
	local serial=$OUT/vmtest/$label/qemu.serial
	if vmtest "$label" -T luo_vfio_pci_kexec -q "$GUEST_QEMU_ARGS" "$@" &&
	   ! preserved_device_faults "$serial" >/dev/null; then
		result PASS "selftest luo_vfio_pci_kexec: $what"
		return 0
	fi
	preserved_device_faults "$serial" | head -n 5 | sed 's/^/  DMAR fault: /'
	grep -a 'DEMO\|INIT\|Bail\|liveupdate\|# ' "$serial" |
		tail -n 30 | sed 's/^/  /'
	grep -a 'timed out' "$OUT/vmtest/$label.log" | sed 's/^/  /'
	result FAIL "selftest luo_vfio_pci_kexec: $what"
	failed=1
}

kexec_test luo_vfio_pci_kexec \
	"preserved device kept across a kexec into another build of the kernel (LOCALVERSION)" \
	-K "$NEXT_KERNEL" -a "$GUEST_KERNEL_ARGS" -A "vfio_pci.ids="
kexec_test luo_vfio_pci_kexec_assign_busses \
	"preserved device keeps its address when the next kernel has pci=assign-busses" \
	-a "$GUEST_KERNEL_ARGS" -A pci=assign-busses
kexec_test luo_vfio_pci_kexec_unpreserve \
	"device unpreserved before the kexec is not incoming, and pci=assign-busses renumbers it" \
	-a "$GUEST_KERNEL_ARGS luo_vfio_pci=unpreserve" -A pci=assign-busses
kexec_test luo_vfio_pci_kexec_never_retrieved \
	"a device never retrieved leaves the Live Update when its session closes: Bus Master off" \
	-a "$GUEST_KERNEL_ARGS luo_vfio_pci=never-retrieved"
kexec_test luo_vfio_pci_kexec_no_pci_liveupdate \
	"a kernel without PCI_LIVEUPDATE boots cleanly after a Live Update" \
	-K "$NO_PCI_LIVEUPDATE_KERNEL" -a "$GUEST_KERNEL_ARGS luo_vfio_pci=no-pci-liveupdate"

# The upstream kexec tests, as run-vmtests.sh lists them.
upstream=$(sed -n '/^TEST_NAMES=(/,/^)/p' "$WORK/$SELFTESTS/run-vmtests.sh" |
	grep -oE '"[a-z0-9_]+"' | tr -d '"')
if [ -z "$upstream" ]; then
	result FAIL "selftests: no test found in run-vmtests.sh's TEST_NAMES"
	failed=1
fi
for t in $upstream; do
	vmtest "$t" -T "$t"
	case $? in
	0) result PASS "selftest $t (kexec)" ;;
	4) result SKIP "selftest $t (kexec): $(grep -a 'SKIP' "$OUT/vmtest/$t.log" | tail -n1)" ;;
	*)
		tail -n 30 "$OUT/vmtest/$t.log" | sed 's/^/  /'
		result FAIL "selftest $t (kexec)"
		failed=1
		;;
	esac
done
exit "$failed"
