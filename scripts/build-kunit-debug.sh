#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the kernel of the debug KUnit run (scripts/kunit-lib.sh) from the
# benchmark tree, with kunit.py build; its output goes to
# build/out/kunit-debug-build.log. The test command runs it in the
# background, at the lowest priority, while the checks leave a core idle
# (single-threaded checks, links, QEMU); the debug KUnit run then finds
# the kernel built.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/kunit-lib.sh"

"$TOP/scripts/make-bench-tree.sh" || exit
kunit "$BENCH_WORK" kunit-debug-build build "${KUNIT_DEBUG_CONFIG[@]}"
