#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# dma-blackout-stats.py <results>: from lines "<preserved s> <scratch s>
# <lost> <resets> <userspace s>", one per run, the median DMA blackout of
# each device, the median of the per-run ratios, the DMAs lost and the
# resets, against the targets: preserving shortens the blackout (ratio
# below 1), and nothing is lost or reset. Exits 1 if a target is missed.
# The boot of the new kernel, until its userspace starts, is in both
# blackouts; the ratio of what each device's user adds after it is printed
# too, for information.
import statistics
import sys

runs = [line.split() for line in open(sys.argv[1]) if line.strip()]
kept = [float(r[0]) for r in runs]
scratch = [float(r[1]) for r in runs]
ratios = [k / s for k, s in zip(kept, scratch)]
after = [(k - float(r[4])) / (s - float(r[4])) for k, s, r in zip(kept, scratch, runs)]
lost = sum(int(r[2]) for r in runs)
resets = sum(int(r[3]) for r in runs)

print(f"  preserved with its IOMMU domain: {statistics.median(kept):8.3f} s (median)")
print(f"  set up from scratch:             {statistics.median(scratch):8.3f} s (median)")
print(f"  ratio, preserved / from scratch: {statistics.median(ratios):8.3f} "
      f"(median of {len(runs)}; min {min(ratios):.3f}, max {max(ratios):.3f})")
print(f"  after the new kernel's userspace starts, preserved / from scratch: "
      f"{statistics.median(after):.3f} (median)")
print(f"  DMAs lost: {lost} of {4 * len(runs)}; resets of the preserved device: {resets}")
met = statistics.median(ratios) < 1 and lost == 0 and resets == 0
print(f"targets: ratio below 1, 0 DMAs lost, 0 resets: {'met' if met else 'NOT met'}")
sys.exit(0 if met else 1)
