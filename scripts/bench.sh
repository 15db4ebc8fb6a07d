#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark of PCI Live Update device tracking: the KUnit suite
# pci_liveupdate_bench (drivers/pci/tests/liveupdate_bench.c) under
# tools/testing/kunit/kunit.py on x86_64 in QEMU (TCG), for its figures.
# Builds the kernel with PCI_LIVEUPDATE (build/out/bench) and without
# (build/out/bench-off), boots each with the whole suite, then SETUP_BOOTS
# more times with its setup case alone, and prints the suite's tables with
# the cost of per-device setup, with the option over without. (make test
# runs the suite in its quick mode, in scripts/test-kunit.sh.)
#
# The suite is the project's benchmark patch (bench/), not part of the
# series: BENCH_TREE names the kernel tree (default: build/linux-bench, the
# series plus bench/*.patch, made by scripts/make-bench-tree.sh);
# kunit.py builds out of it, in the directories above, through ccache, at
# nice 10. Consoles and results stay in build/out/bench*.{log,json}. A case
# that fails fails the script.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

TREE=${BENCH_TREE:-$BENCH_WORK}
SETUP_BOOTS=5
SUITE=pci_liveupdate_bench
ON=(--kconfig_add=CONFIG_PCI_LIVEUPDATE_BENCH=y)
OFF=("${ON[@]}" --kconfig_add=CONFIG_PCI_LIVEUPDATE=n
     --kconfig_add=CONFIG_PCI_LIVEUPDATE_KUNIT_TEST=n)
# KHO and LUO on, as on a host that can do a Live Update: the record can be
# allocated, and setup meets LUO's answer for a boot that is not one.
BOOT=(--kernel_args=kho=on --kernel_args=liveupdate=on)

[ -n "${BENCH_TREE:-}" ] || "$TOP/scripts/make-bench-tree.sh"
[ -x "$TREE/tools/testing/kunit/kunit.py" ] || die "$TREE: not a kernel tree"
[ -e "$TREE/drivers/pci/tests/liveupdate_bench.c" ] ||
	die "$TREE has no drivers/pci/tests/liveupdate_bench.c: the benchmark patch is not applied"
mkdir -p "$BUILD/bin" "$CCACHE_DIR" "$OUT"
ln -sf "$TOP/scripts/qemu-tcg" "$BUILD/bin/qemu-system-x86_64"

# in_tree <command...>: run a command in the kernel tree, with ccache's gcc
# and the TCG-only QEMU first in PATH.
in_tree() {
	(cd "$TREE" && PATH="$BUILD/bin:$CCACHE_PATH:$PATH" "$@")
}
KUNIT=./tools/testing/kunit/kunit.py

# build <dir> <kunit.py options...>: configure and build $OUT/<dir>.
build() {
	local dir=$1; shift
	log "kunit.py build ($dir)"
	if ! in_tree nice -n 10 "$KUNIT" build --arch=x86_64 --kunitconfig=drivers/pci/tests \
		--build_dir="$OUT/$dir" --jobs="$JOBS" "$@" >"$OUT/$dir.build.log" 2>&1; then
		tail -n 30 "$OUT/$dir.build.log" | sed 's/^/  /'
		die "kunit.py build ($dir) failed; log: $OUT/$dir.build.log"
	fi
}

# boot <dir> <name> <filter_glob> [kunit.py options...]: run the kernel of
# $OUT/<dir>; its console goes to $OUT/<dir>.<name>.log, its results to
# $OUT/<dir>.<name>.json. Prints kunit.py's summary.
boot() {
	local dir=$1 name=$2 glob=$3 rc=0; shift 3
	log "kunit.py exec ($dir, $name)"
	in_tree "$KUNIT" exec --arch=x86_64 --build_dir="$OUT/$dir" --timeout=1800 \
		--json="$OUT/$dir.$name.json" "${BOOT[@]}" "$@" "$glob" \
		>"$OUT/$dir.$name.out" 2>&1 || rc=$?
	cp "$OUT/$dir/test.log" "$OUT/$dir.$name.log"
	grep -E '\[(FAILED|SKIPPED|CRASHED)\]|Testing complete' "$OUT/$dir.$name.out" | sed 's/^/  /' >&2
	return "$rc"
}

figures() {
	local failed=0
	log "kernel tree: $TREE ($(git -C "$TREE" log -1 --format='%h %s' 2>/dev/null || echo 'not git'))"
	log "host load before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
	build bench "${ON[@]}"
	build bench-off "${OFF[@]}"
	# The kernels take turns, so that a change of host load hits both.
	local on=("$OUT/bench.full.log") off=("$OUT/bench-off.full.log") i
	boot bench full "$SUITE" || failed=1
	boot bench-off full "$SUITE" || failed=1
	for i in $(seq "$SETUP_BOOTS"); do
		boot bench "setup$i" "$SUITE.setup_device_cost" || failed=1
		boot bench-off "setup$i" "$SUITE.setup_device_cost" || failed=1
		on+=("$OUT/bench.setup$i.log")
		off+=("$OUT/bench-off.setup$i.log")
	done
	log "host load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
	"$TOP/scripts/bench-table.py" --on "${on[@]}" --off "${off[@]}" || failed=1
	[ "$failed" = 0 ] || die "a run failed (see above and $OUT/bench*.out)"
}

figures
