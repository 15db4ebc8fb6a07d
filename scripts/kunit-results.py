#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the JSON of a kunit.py run into one result line per test case.

  kunit-results.py <json> <label> <suite>...

Prints "PASS|FAIL|SKIP<TAB><label>: suite.case[.param]" for every leaf test
(each parameter of a parameterised case counts), and a FAIL line for every
required suite that did not run. Exits 1 if anything failed.
"""
import json
import sys


def leaves(group, path):
    for case in group.get("test_cases", []):
        yield path + [case["name"]], case["status"]
    for sub in group.get("sub_groups", []):
        yield from leaves(sub, path + [sub["name"]])


def main():
    path, label, suites = sys.argv[1], sys.argv[2], sys.argv[3:]
    try:
        with open(path) as f:
            top = json.load(f)
    except (OSError, ValueError) as err:
        print(f"FAIL\t{label}: no results ({err})")
        return 1
    failed = False
    seen = set()
    for sub in top.get("sub_groups", []):
        seen.add(sub["name"])
        for names, status in leaves(sub, [sub["name"]]):
            status = {"PASS": "PASS", "SKIP": "SKIP"}.get(status, "FAIL")
            failed |= status == "FAIL"
            print(f"{status}\t{label}: {'.'.join(names)}")
    for suite in suites:
        if suite not in seen:
            print(f"FAIL\t{label}: suite {suite} did not run")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
