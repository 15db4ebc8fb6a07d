#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Every check of the series (apply, checkpatch, kernel-doc, builds, sparse,
# W=1), each reported as PASS or FAIL, then the closing line.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/runner.sh"

run_required_stage "work tree" "$TOP/scripts/make-worktree.sh"
run_check_stages
summary
