#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the series' KUnit suites on x86_64 under QEMU (TCG, two vCPUs, so that
# the concurrency case runs in parallel), with tools/testing/kunit/kunit.py:
# - in the guest kernel (lockdep on), which the build stage has built and
#   whose configuration holds every option of drivers/pci/tests/.kunitconfig
#   (checked here, and the .kunitconfig checked on its own with kunit.py
#   config), with kunit.py exec: no kernel of its own;
# - in a kernel of kunit.py's own configuration from that .kunitconfig,
#   with KASAN, lockdep and UBSAN, built from the series plus the project's
#   benchmark (bench/), whose suite runs in its quick mode (small inputs, no
#   timing, correctness only) so that it cannot rot.
# Every test case is reported; a crash, a timeout or a missing suite is a
# failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

KUNITCONFIG=drivers/pci/tests
SUITES=(pci_liveupdate)
# KHO and LUO on, as on a host that can do a Live Update.
BOOT=(--kernel_args=kho=on --kernel_args=liveupdate=on --qemu_args="-smp 2")
DEBUG_OPTIONS=(
	CONFIG_DEBUG_KERNEL=y
	CONFIG_KASAN=y
	CONFIG_KASAN_GENERIC=y
	CONFIG_PROVE_LOCKING=y
	CONFIG_DEBUG_ATOMIC_SLEEP=y
	CONFIG_UBSAN=y
	CONFIG_UBSAN_BOUNDS=y
	CONFIG_UBSAN_SHIFT=y
)

mkdir -p "$BUILD/bin" "$CCACHE_DIR"
ln -sf "$TOP/scripts/qemu-tcg" "$BUILD/bin/qemu-system-x86_64"

# kunit <tree> <label> <kunit.py command and options...>: run kunit.py in
# <tree>, with its output in build/out/<label>.log. Runs write their
# results to build/out/<label>.json (--json; kunit.py config has none).
kunit() {
	local tree=$1 label=$2; shift 2
	rm -f "$OUT/$label.json"	# a crash must not leave an earlier run's results
	(cd "$tree" && PATH="$BUILD/bin:$CCACHE_PATH:$PATH" ./tools/testing/kunit/kunit.py \
		"$@") >"$OUT/$label.log" 2>&1
}

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

failed=0
check_kunitconfig || failed=1

rc=0
log "kunit.py exec (the guest kernel)"
kunit "$WORK" kunit exec --arch=x86_64 --build_dir="$OUT/guest" --timeout=300 "${BOOT[@]}" \
	--json="$OUT/kunit.json" 'pci_liveupdate*' || rc=$?
report kunit "$rc" "${SUITES[@]}" || failed=1

rc=0
if "$TOP/scripts/make-bench-tree.sh"; then
	add=(--kconfig_add=CONFIG_PCI_LIVEUPDATE_BENCH=y --kernel_args=liveupdate_bench.quick=1)
	for o in "${DEBUG_OPTIONS[@]}"; do add+=(--kconfig_add="$o"); done
	# KHO sizes its scratch area after the memory reserved at boot, which
	# KASAN's shadow inflates past what is free: give it a fixed size.
	add+=(--kernel_args=kho_scratch=16M,64M,64M)
	log "kunit.py run (KASAN, lockdep, UBSAN; the benchmark in its quick mode)"
	kunit "$BENCH_WORK" kunit-debug run --arch=x86_64 --kunitconfig="$KUNITCONFIG" \
		--build_dir="$OUT/kunit-debug" --jobs="$JOBS" --timeout=300 "${BOOT[@]}" "${add[@]}" \
		--json="$OUT/kunit-debug.json" || rc=$?
	report kunit-debug "$rc" "${SUITES[@]}" pci_liveupdate_bench || failed=1
else
	result FAIL "kunit (kunit-debug): the benchmark patch does not apply on the series"
	failed=1
fi
exit "$failed"
