#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the liveupdate selftests in QEMU with the series applied,
# through tools/testing/selftests/liveupdate/vmtest.sh, on the guest kernel
# (build/out/guest, configs/guest.config):
# - the vfio-pci uAPI test, on the guest of lib.sh (q35, an emulated Intel
#   IOMMU, an edu device bound to vfio-pci), with kmemleak on: every harness
#   case is reported, the short reliability cases among them (each
#   allocation of the preserve and of the freeze failed in turn, 20
#   preserve/unpreserve cycles, no leak);
# - the kexec Live Update of that device (luo_vfio_pci_kexec): into another
#   build with its own release string; into a kernel booted with
#   pci=assign-busses; after the device was unpreserved; a device never
#   retrieved, released when its session closes; two Live Updates in a row
#   (A -> B -> C); a kexec started while other processes churn; a retrieve
#   that fails in its handler, and one whose file LUO cannot track; into a
#   kernel without PCI_LIVEUPDATE;
# - the upstream kexec tests that run-vmtests.sh lists: one result each.
# A kexec scenario fails too when any of its kernels logged a DMAR fault of
# the preserved edu device, a warning, a lockdep splat or a hung task.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/selftest-lib.sh"

SELFTESTS=tools/testing/selftests/liveupdate
export VMTEST_TIMEOUT=${VMTEST_TIMEOUT:-180}

failed=0

uapi_selftest vfio_pci_liveupdate "selftest vfio_pci_liveupdate" "" || failed=1

log "QEMU accelerator: ${VMTEST_ACCEL:-not probed} (vmtest.sh uses kvm only if /dev/kvm boots the guest)"

kexec_test() {
	kexec_selftest "$@" || failed=1
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
kexec_test luo_vfio_pci_kexec_chained \
	"preserved again in the next kernel, the device keeps its DMA across a second kexec (A -> B -> C)" \
	-a "$GUEST_KERNEL_ARGS luo_vfio_pci=chained luo_stages=3"
kexec_test luo_vfio_pci_kexec_concurrent \
	"a kexec started while other processes preserve and unpreserve, unbind and rebind, open sessions and read sysfs: refused or through, no splat, no hang" \
	-a "$GUEST_KERNEL_ARGS luo_vfio_pci=concurrent"
kexec_test luo_vfio_pci_kexec_retrieve_fault \
	"the retrieve fails in the handler (first allocation): ENOMEM, the device leaves the Live Update and works" \
	-a "$GUEST_KERNEL_ARGS luo_vfio_pci=retrieve-fault luo_fail_nth=1"
kexec_test luo_vfio_pci_kexec_retrieve_untracked \
	"LUO cannot track the retrieved file: ENOMEM, the device stays incoming, a retry retrieves it" \
	-a "$GUEST_KERNEL_ARGS luo_vfio_pci=retrieve-fault luo_fail_xarray"
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
