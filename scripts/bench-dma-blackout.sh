#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The DMA blackout of a Live Update: how long after the kexec a device
# completes a DMA again, in QEMU, with the dma-blackout scenario of the
# luo_vfio_pci_kexec selftest (dma_blackout_once in lib.sh). In each run,
# side by side in the same new kernel:
#   preserved: the edu device preserved with its IOMMU domain, retrieved,
#              bound to an iommufd, and a DMA through the kept translation;
#   scratch:   the other edu device, not preserved, set up from scratch:
#              bound, a memfd mapped, attached, Bus Master on, and a DMA;
# then the ratio of the two, and the preserved device's DMAs lost across
# the update (4 issued: in flight at the kexec, before, across and after
# its re-attach) and its resets. REPEAT runs (default 5); prints each, the
# medians, and whether the targets are met.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

REPEAT=${REPEAT:-5}
export VMTEST_TIMEOUT=${VMTEST_TIMEOUT:-180}
results=$OUT/dma-blackout.txt

"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config" >&2
: >"$results"
for round in $(seq "$REPEAT"); do
	line=$(dma_blackout_once "dma-blackout-$round") ||
		die "DMA blackout run $round failed"
	echo "$line" >>"$results"
	printf '  round %d: preserved %s s, from scratch %s s, lost %s, resets %s (userspace at %s s)\n' \
		"$round" $line
done

echo
echo "DMA blackout, kexec to a completed DMA (host clock, $REPEAT runs, QEMU accelerator: $VMTEST_ACCEL)"
"$TOP/scripts/dma-blackout-stats.py" "$results"
