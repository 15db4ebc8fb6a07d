#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# blackout-stats.py <results> <shape name>...: the median and the spread of
# each shape's blackouts (lines "<shape index>\t<seconds>"), and what the
# shapes with devices add to the median of the first, against the target.
import statistics
import sys

TARGET = 5.0	# percent added to the median blackout, at most

path, names = sys.argv[1], sys.argv[2:]
runs = {i: [] for i in range(len(names))}
with open(path) as f:
    for line in f:
        i, t = line.split()
        runs[int(i)].append(float(t))

base = statistics.median(runs[0])
print(f"  {'shape':<12} {'median':>8} {'min':>8} {'max':>8} {'stdev':>8} {'added':>8}")
met = True
for i, name in enumerate(names):
    t = runs[i]
    med = statistics.median(t)
    added = (med - base) / base * 100
    sd = statistics.stdev(t) if len(t) > 1 else 0.0
    print(f"  {name:<12} {med:8.3f} {min(t):8.3f} {max(t):8.3f} {sd:8.3f} {added:+7.1f}%")
    if i and added > TARGET:
        met = False
print(f"target: preserving devices adds at most {TARGET:.0f}% to the median blackout: "
      f"{'met' if met else 'NOT met'}")
