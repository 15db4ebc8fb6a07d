#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the liveupdate selftests in QEMU (TCG) with the series applied,
# through tools/testing/selftests/liveupdate/vmtest.sh, on the guest kernel
# (build/out/guest, configs/guest.config):
# - the vfio-pci uAPI test, on the guest of lib.sh (q35, an emulated Intel
#   IOMMU, an edu device bound to vfio-pci): every harness case is reported;
# - the kexec Live Update of that device (luo_vfio_pci_kexec);
# - the upstream kexec tests that run-vmtests.sh lists: one result each.
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
elif [ "$rc" != 0 ]; then
	grep -a 'INIT:\|# FAIL\|#  RUN' "$serial" | tail -n 20 | sed 's/^/  /'
	result FAIL "$label: vmtest.sh exited with $rc"
	failed=1
fi

# The kexec Live Update of a PCI device preserved by vfio-pci, into the
# differently built next kernel.
if vmtest luo_vfio_pci_kexec -T luo_vfio_pci_kexec -K "$NEXT_KERNEL" \
	-q "$GUEST_QEMU_ARGS" -a "$GUEST_KERNEL_ARGS"; then
	result PASS "selftest luo_vfio_pci_kexec (kexec)"
else
	grep -a 'DEMO\|INIT\|Bail\|liveupdate' "$OUT/vmtest/luo_vfio_pci_kexec/qemu.serial" |
		tail -n 30 | sed 's/^/  /'
	result FAIL "selftest luo_vfio_pci_kexec (kexec)"
	failed=1
fi

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
