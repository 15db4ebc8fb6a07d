#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the figures of the KUnit suite pci_liveupdate_bench from the console
logs of kunit.py runs (build/out/<dir>/test.log), and compare per-device setup
in the kernels with and without CONFIG_PCI_LIVEUPDATE.

  bench-table.py --on <log>... --off <log>...

The first --on log is the full run: its tables are printed as the suite wrote
them. Every log, one per boot, gives a setup figure: pci_setup_device(), ns
per device, the fastest of its timed runs. The on/off ratio is that of the
means of these figures over the boots of each kernel; the noise is the
spread, (max - min) / mean, of the figures of one kernel, the larger of the
two. The target is met when the ratio is within 1 +- noise. Exits 1 if a
figure is missing.
"""
import argparse
import re
import sys

CASES = ("tracking_cost", "setup_device_cost", "handover_size")
LINE = re.compile(r"^\s*# (\w+): (.*)$")
SETUP = re.compile(r"setup figure: pci_setup_device\(\) (\d+) ns per device, "
                   r"fastest of \d+ runs of \d+ \(median (\d+) ns\), "
                   r"PCI_LIVEUPDATE=(yes|no)")
PLACEHOLDER = "target setup with no incoming record"
HOOK_ROW = re.compile(r"^\s*-\s+setup, no incoming record\s+(\d+)")


def case_lines(path):
    """(case, text) of every line a case of the suite logged."""
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if m and m.group(1) in CASES and not m.group(2).startswith("timing:"):
                yield m.group(1), m.group(2)


def setup_figure(path, flavour):
    """(fastest, median) ns of the setup figure of one boot."""
    for case, text in case_lines(path):
        m = SETUP.search(text)
        if m:
            if m.group(3) != flavour:
                sys.exit(f"{path}: PCI_LIVEUPDATE={m.group(3)}, expected {flavour}")
            return int(m.group(1)), int(m.group(2))
    sys.exit(f"{path}: no setup figure")


def mean(values):
    return sum(values) / len(values)


def spread(values):
    return (max(values) - min(values)) / mean(values)


def boots(figures):
    return "  ".join(f"{fast}/{median}" for fast, median in figures)


def hook_share(tracking_lines, setup_ns):
    """The hook alone, from the tracking table, against the setup figure."""
    for line in tracking_lines:
        m = HOOK_ROW.match(line)
        if m:
            hook = int(m.group(1))
            return (f"  the hook alone (tracking table, setup with no incoming "
                    f"record): {hook} ns, {hook / setup_ns * 100:.1f}% of "
                    f"{setup_ns:.0f} ns")
    return "  the hook alone: not in the tracking table"


def setup_comparison(on_logs, off_logs):
    on = [setup_figure(p, "yes") for p in on_logs]
    off = [setup_figure(p, "no") for p in off_logs]
    on_fast = [f[0] for f in on]
    off_fast = [f[0] for f in off]
    ratio = mean(on_fast) / mean(off_fast)
    noise = max(spread(on_fast), spread(off_fast))
    verdict = "met" if abs(ratio - 1) <= noise else "NOT met"
    lines = [
        "pci_setup_device() of a scratch device, ns per device, fastest/median "
        "of the runs of each boot:",
        f"  PCI_LIVEUPDATE=y: {boots(on)}",
        f"  PCI_LIVEUPDATE=n: {boots(off)}",
        f"  on/off: {ratio:.3f} (means of the fastest: {mean(on_fast):.0f} / "
        f"{mean(off_fast):.0f} ns); noise: {noise * 100:.1f}% (the larger "
        f"spread between the boots of one kernel: y {spread(on_fast) * 100:.1f}%, "
        f"n {spread(off_fast) * 100:.1f}%)",
    ]
    target = (f"{PLACEHOLDER} within noise of PCI_LIVEUPDATE=n: {verdict} "
              f"(on/off {ratio:.3f}, {(ratio - 1) * 100:+.1f}% against noise "
              f"{noise * 100:.1f}%)")
    return lines, target, mean(on_fast)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--on", nargs="+", required=True)
    parser.add_argument("--off", nargs="+", required=True)
    args = parser.parse_args()

    setup_lines, setup_target, setup_ns = setup_comparison(args.on, args.off)
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
    print(hook_share(by_case["tracking_cost"], setup_ns))
    print(setup_target)
    print("\n== handover size")
    print("\n".join(by_case["handover_size"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
