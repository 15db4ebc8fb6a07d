#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the series' KUnit suites on x86_64 under QEMU (TCG, two vCPUs, so that
# the concurrency case runs in parallel), with tools/testing/kunit/kunit.py:
#
#   test-kunit.sh guest   in the guest kernel (lockdep on), which the build
#                         stage has built and whose configuration holds every
#                         option of drivers/pci/tests/.kunitconfig (checked
#                         here, and the .kunitconfig checked on its own with
#                         kunit.py config), with kunit.py exec: no kernel of
#                         its own;
#   test-kunit.sh debug   in the debug kernel of scripts/kunit-lib.sh (KASAN,
#                         lockdep, UBSAN), built from the series plus the
#                         project's benchmark (bench/), whose suite runs in its
#                         quick mode (small inputs, no timing, correctness
#                         only) so that it cannot rot. scripts/build-kunit-debug.sh
#                         may have built it already.
#
# Every test case is reported; a crash, a timeout or a missing suite is a
# failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/kunit-lib.sh"

# report <label> <kunit.py exit status> <suite>...: one result per case.
report() {
	local label=$1 rc=$2 log=$OUT/$1.log lines; shift 2
	grep -E '^\[..:..:..\] (Testing complete|Elapsed time)|\[(FAILED|SKIPPED|CRASHED)\]|ERROR|error:' "$log" |
		sed 's/^/  /'
	lines=$("$TOP/scripts/kunit-results.py" "$OUT/$label.json" "kunit ($label)" "$@")
	while IFS=$'\t' read -r status name; do
		[ -n "$status" ] && result "$status" "$name"
	done <<<"$lines"
	if [ "$rc" != 0 ] && ! grep -q '^FAIL' <<<"$lines"; then
		tail -n 30 "$log" | sed 's/^/  /'
		result FAIL "kunit ($label): kunit.py exited with $rc (crash, timeout or build error; log: $log)"
	fi
	[ "$rc" = 0 ] && ! grep -q '^FAIL' <<<"$lines"
}

# The .kunitconfig stands on its own (kunit.py config checks that every
# option it sets survives), and the guest kernel has every option it sets.
check_kunitconfig() {
	local missing
	if ! kunit "$WORK" kunitconfig config --arch=x86_64 --kunitconfig="$KUNITCONFIG" \
		--build_dir="$OUT/kunitconfig"; then
		tail -n 20 "$OUT/kunitconfig.log" | sed 's/^/  /'
		result FAIL "kunit: $KUNITCONFIG/.kunitconfig is not a valid configuration"
		return 1
	fi
	result PASS "kunit: $KUNITCONFIG/.kunitconfig is a valid configuration (kunit.py config)"
	missing=$(grep '^CONFIG_' "$WORK/$KUNITCONFIG/.kunitconfig" | grep -vxFf "$OUT/guest/.config" || true)
	report_clean kunit "the guest kernel has every option of $KUNITCONFIG/.kunitconfig" "$missing"
}

run_in_guest_kernel() {
	local failed=0 rc=0 suite
	check_kunitconfig || failed=1
	log "kunit.py exec (the guest kernel)"
	kunit "$WORK" kunit exec --arch=x86_64 --build_dir="$OUT/guest" --timeout=300 "${BOOT[@]}" \
		--json="$OUT/kunit.json" 'pci_liveupdate*' || rc=$?
	report kunit "$rc" "${SUITES[@]}" || failed=1
	for suite in "${GUEST_ONLY_SUITES[@]}"; do
		rc=0
		kunit "$WORK" "kunit-$suite" exec --arch=x86_64 --build_dir="$OUT/guest" --timeout=300 \
			"${BOOT[@]}" --json="$OUT/kunit-$suite.json" "$suite" || rc=$?
		report "kunit-$suite" "$rc" "$suite" || failed=1
	done
	return "$failed"
}

run_in_debug_kernel() {
	local rc=0
	if ! "$TOP/scripts/make-bench-tree.sh"; then
		result FAIL "kunit (kunit-debug): the benchmark patch does not apply on the series"
		return 1
	fi
	log "kunit.py run (KASAN, lockdep, UBSAN; the benchmark in its quick mode)"
	# KHO sizes its scratch area after the memory reserved at boot, which
	# KASAN's shadow inflates past what is free: give it a fixed size.
	kunit "$BENCH_WORK" kunit-debug run "${KUNIT_DEBUG_CONFIG[@]}" --timeout=300 "${BOOT[@]}" \
		--kernel_args=liveupdate_bench.quick=1 --kernel_args=kho_scratch=16M,64M,64M \
		--json="$OUT/kunit-debug.json" || rc=$?
	report kunit-debug "$rc" "${SUITES[@]}" pci_liveupdate_bench
}

case ${1:-} in
guest) run_in_guest_kernel ;;
debug) run_in_debug_kernel ;;
*) die "usage: $0 guest|debug" ;;
esac
