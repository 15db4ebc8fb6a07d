#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the figures of the KUnit suite pci_liveupdate_bench from the console
logs of kunit.py runs (build/out/<dir>/test.log), and compare per-device setup
in the kernels with and without CONFIG_PCI_LIVEUPDATE.

  bench-table.py --on <log>... --off <log>...

The first --on log is the full run: its tables are printed as the suite wrote
them. Every log, one per boot, gives a setup figure: the median ns of
pci_setup_device() and its quartiles. The on/off ratio is that of the means
of the medians; the noise is the largest spread seen within one kernel,
between its boots or between the quartiles of one boot. Exits 1 if a figure
is missing.
"""
import argparse
import re
import sys

CASES = ("tracking_cost", "setup_device_cost", "handover_size")
LINE = re.compile(r"^\s*# (\w+): (.*)$")
SETUP = re.compile(r"setup figure: pci_setup_device\(\) (\d+) ns per device "
                   r"\(median of \d+ runs of \d+; quartiles (\d+)\.\.(\d+) ns\), "
                   r"PCI_LIVEUPDATE=(yes|no)")
PLACEHOLDER = "target setup with no incoming record"


def case_lines(path):
    """(case, text) of every line a case of the suite logged."""
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if m and m.group(1) in CASES and not m.group(2).startswith("timing:"):
                yield m.group(1), m.group(2)


def setup_figure(path, flavour):
    """(median, q1, q3) of the setup figure of one boot."""
    for case, text in case_lines(path):
        m = SETUP.search(text)
        if m:
            if m.group(4) != flavour:
                sys.exit(f"{path}: PCI_LIVEUPDATE={m.group(4)}, expected {flavour}")
            return tuple(int(x) for x in m.group(1, 2, 3))
    sys.exit(f"{path}: no setup figure")


def spread(figures):
    """The largest relative spread within one kernel."""
    medians = [f[0] for f in figures]
    mean = sum(medians) / len(medians)
    between = (max(medians) - min(medians)) / mean
    within = max((q3 - q1) / m for m, q1, q3 in figures)
    return max(between, within)


def boots(figures):
    return ", ".join(f"{m} ({q1}..{q3})" for m, q1, q3 in figures)


def setup_comparison(on_logs, off_logs):
    on = [setup_figure(p, "yes") for p in on_logs]
    off = [setup_figure(p, "no") for p in off_logs]
    on_mean = sum(f[0] for f in on) / len(on)
    off_mean = sum(f[0] for f in off) / len(off)
    ratio = on_mean / off_mean
    noise = max(spread(on), spread(off))
    verdict = "met" if abs(ratio - 1) <= noise else "NOT met"
    lines = [
        "per-device setup: pci_setup_device() of a scratch device, ns per device,",
        "median (quartiles) of each boot:",
        f"  PCI_LIVEUPDATE=y: {boots(on)}",
        f"  PCI_LIVEUPDATE=n: {boots(off)}",
        f"  on/off: {ratio:.3f} (means {on_mean:.0f} / {off_mean:.0f} ns); "
        f"noise: {noise * 100:.1f}% (largest spread of one kernel, "
        "between its boots or within a boot's quartiles)",
    ]
    target = (f"{PLACEHOLDER} within noise of PCI_LIVEUPDATE=n: {verdict} "
              f"(on/off {ratio:.3f}, {(ratio - 1) * 100:+.1f}% against noise "
              f"{noise * 100:.1f}%)")
    return lines, target


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--on", nargs="+", required=True)
    parser.add_argument("--off", nargs="+", required=True)
    args = parser.parse_args()

    setup_lines, setup_target = setup_comparison(args.on, args.off)
    by_case = {case: [] for case in CASES}
    for case, text in case_lines(args.on[0]):
        if text.startswith(PLACEHOLDER):
            text = setup_target
        by_case[case].append(text)
    if not by_case["tracking_cost"] or not by_case["handover_size"]:
        sys.exit(f"{args.on[0]}: no tracking or handover figures")

    print("== tracking (kernel with PCI_LIVEUPDATE)")
    print("\n".join(by_case["tracking_cost"]))
    print("\n== setup with no incoming record, the kernels with and without PCI_LIVEUPDATE")
    print("\n".join(line for line in by_case["setup_device_cost"]
                    if not SETUP.search(line)))
    print("\n".join(setup_lines))
    print(setup_target)
    print("\n== handover size")
    print("\n".join(by_case["handover_size"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
