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
SUITES=(pci_liveupdate)
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
		"$@") >"$log" 2>&1 || rc=$?
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
kunit_run kunit-debug "${add[@]}" || failed=1
exit "$failed"
