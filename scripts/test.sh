#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The test command: install what is missing, create the work tree from
# patches/, run every check and every test suite, print the time of each
# stage, and end with "N passed, N failed[, N skipped]". Exits non-zero if
# anything failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/runner.sh"

run_required_stage "dependencies" "$TOP/scripts/install-deps.sh"
run_required_stage "work tree" "$TOP/scripts/make-worktree.sh"
[ "$aborted" = 1 ] || start_kunit_debug_build
run_check_stages
run_test_stages
summary
