#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job: a real Live Update of a PCI device in QEMU. Fetches the base,
# applies the series, builds the guest kernel and the kernel it updates to
# (another build, with its own release string; both cached), and runs the
# luo_vfio_pci_kexec selftest through vmtest.sh, reporting step by step what
# happens: the devices before, what is preserved, the kexec, the devices
# after, the retrieved file at work, and the timings; then, in a second
# Live Update, how long a device preserved with its IOMMU domain and one
# set up from scratch take to complete a DMA. Times come from the host's
# clock, stamped on each serial line as QEMU writes it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

step() { printf '\n== %s\n' "$*"; }

step "Preparing: dependencies, Linux $BASE_SERIES with the series, the guest kernel"
"$TOP/scripts/install-deps.sh"
"$TOP/scripts/make-worktree.sh"
start=$(date +%s.%N)
"$TOP/scripts/build-variant.sh" next-kernel "$TOP/configs/guest.config" "$TOP/configs/next-kernel.config"
"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config"
printf 'kernels built or found in %.0f s:\n' "$(echo "$(date +%s.%N) - $start" | bc)"
echo "  running kernel:  $OUT/guest/arch/x86/boot/bzImage"
echo "  updated kernel:  $NEXT_KERNEL ($(grep -v '^#' "$TOP/configs/next-kernel.config" | paste -sd' '))"

label=demo
serial=$OUT/vmtest/$label/qemu.serial
stamped=$OUT/vmtest/$label.stamped
step "Booting QEMU (q35, emulated Intel IOMMU): edu 1234:11e8 behind a PCIe root port, bound to vfio-pci; pci-testdev 1b36:0005"
echo "qemu: $GUEST_QEMU_ARGS"
echo "kernel command line: + $GUEST_KERNEL_ARGS"

# Stamp every serial line with the host's time as it arrives.
rm -rf "$OUT/vmtest/$label"
mkdir -p "$OUT/vmtest/$label"
start_stamping "$serial" "$stamped"
trap stop_stamping EXIT

rc=0
VMTEST_TIMEOUT=${VMTEST_TIMEOUT:-180} vmtest "$label" -T luo_vfio_pci_kexec \
	-K "$NEXT_KERNEL" -q "$GUEST_QEMU_ARGS" -a "$GUEST_KERNEL_ARGS" || rc=$?
stop_stamping

when() { stamp_of "$1" "$stamped"; }
since() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }

if [ "$rc" != 0 ] || ! grep -aq 'VFIO PCI KEXEC TEST PASSED' "$serial"; then
	step "FAILED (vmtest.sh exit status $rc). The relevant serial lines:"
	grep -a 'DEMO\|INIT\|Bail\|liveupdate\|vfio\|Kernel panic\|BUG\|WARNING' "$serial" |
		tail -n 40 | sed 's/^/  /'
	echo "  (serial log: $serial, vmtest output: $OUT/vmtest/$label.log)"
	exit 1
fi

step "The Live Update, step by step (serial console of the guest)"
grep -a 'DEMO:\|INIT: Starting\|liveupdate: \|KHO: found\|luo: Retrieved' "$serial" |
	sed -e 's/^# //' -e 's/^/  /'

boot=$(when 'INIT: Starting Stage 1')
kexec=$(when 'DEMO: kexec')
second=$(when 'INIT: Starting Stage 2')
retrieved=$(when 'DEMO: retrieved:')
usable=$(when 'DEMO: the device works')
finished=$(when 'DEMO: finished')
step "Timings (host clock)"
echo "  first kernel: userspace start to kexec:        $(since "$boot" "$kexec") s"
echo "  kexec to the new kernel's userspace:           $(since "$kexec" "$second") s"
echo "  kexec to the preserved device retrieved:       $(since "$kexec" "$retrieved") s"
echo "  kexec to the retrieved device in use:          $(since "$kexec" "$usable") s"
echo "  kexec to the Live Update finished:             $(since "$kexec" "$finished") s"
echo "  (QEMU accelerator: ${VMTEST_ACCEL:-unknown}. On TCG, absolute times are slow and noisy; the serial log is $serial)"
step "DMA blackout: another Live Update, the preserved edu device against the other one set up anew"
if ! figures=$(dma_blackout_once demo-dma-blackout); then
	step "FAILED: the DMA blackout run (serial log: $OUT/vmtest/demo-dma-blackout/qemu.serial)"
	exit 1
fi
read -r kept scratch lost resets user <<<"$figures"
echo "  kexec to a DMA of the device preserved with its IOMMU domain: $kept s"
echo "  kexec to a DMA of the device set up from scratch:              $scratch s"
echo "  ratio: $(echo "scale=3; $kept / $scratch" | bc); after the new kernel's userspace starts ($user s): $(echo "scale=3; ($kept - $user) / ($scratch - $user)" | bc)"
echo "  DMAs of the preserved device lost: $lost of 4; its resets: $resets"
step "PASSED: the device kept its address across the kexec, was retrieved, used and finished"
