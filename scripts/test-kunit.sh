#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the series' KUnit suites with tools/testing/kunit/kunit.py on x86_64
# under QEMU (TCG), twice: as configured by drivers/pci/tests/.kunitconfig,
# and again with KASAN, lockdep and UBSAN, on two vCPUs so that the
# concurrency case runs in parallel. Each run has its own build
# directory in build/out and compiles through ccache. Every test case is
# reported; a crash, a timeout or a missing suite is a failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

KUNITCONFIG=drivers/pci/tests
SUITES=(pci_liveupdate pci_liveupdate_bench)
# The benchmark runs too, in its quick mode (small inputs, no timing,
# correctness only), so that it cannot rot; KHO and LUO on, as on a host
# that can do a Live Update. make bench runs it for its figures.
COMMON=(--kconfig_add=CONFIG_PCI_LIVEUPDATE_BENCH=y
	--kernel_args=liveupdate_bench.quick=1
	--kernel_args=kho=on --kernel_args=liveupdate=on)
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

# kunit_run <label> [kunit.py options...]
kunit_run() {
	local label=$1; shift
	local dir=$OUT/$label json=$OUT/$label.json log=$OUT/$label.log rc=0
	rm -f "$json"
	log "kunit.py run ($label)"
	(cd "$WORK" && PATH="$BUILD/bin:$CCACHE_PATH:$PATH" ./tools/testing/kunit/kunit.py run \
		--arch=x86_64 --kunitconfig="$KUNITCONFIG" --build_dir="$dir" \
		--jobs="$JOBS" --timeout=300 --json="$json" --qemu_args="-smp 2" \
		"${COMMON[@]}" "$@") >"$log" 2>&1 || rc=$?
	# kunit.py's own summary, then one line per case.
	grep -E '^\[..:..:..\] (Testing complete|Elapsed time)|\[(PASSED|FAILED|SKIPPED|CRASHED)\]|ERROR|error:' "$log" |
		grep -v '\[PASSED\]' | sed 's/^/  /'
	local lines
	lines=$("$TOP/scripts/kunit-results.py" "$json" "kunit ($label)" "${SUITES[@]}")
	while IFS=$'\t' read -r status name; do
		[ -n "$status" ] && result "$status" "$name"
	done <<<"$lines"
	if [ "$rc" != 0 ] && ! grep -q '^FAIL' <<<"$lines"; then
		tail -n 30 "$log" | sed 's/^/  /'
		result FAIL "kunit ($label): kunit.py exited with $rc (crash, timeout or build error; log: $log)"
	fi
	[ "$rc" = 0 ] && ! grep -q '^FAIL' <<<"$lines"
}

failed=0
kunit_run kunit || failed=1
add=()
for o in "${DEBUG_OPTIONS[@]}"; do add+=(--kconfig_add="$o"); done
# KHO sizes its scratch area after the memory reserved at boot, which
# KASAN's shadow inflates past what is free: give it a fixed size.
add+=(--kernel_args=kho_scratch=16M,64M,64M)
kunit_run kunit-debug "${add[@]}" || failed=1
exit "$failed"
