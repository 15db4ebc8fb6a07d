# SPDX-License-Identifier: GPL-2.0
# What the KUnit scripts share: the suites, the kernels they run in, and a
# wrapper of tools/testing/kunit/kunit.py. Sourced after lib.sh.

KUNITCONFIG=drivers/pci/tests
SUITES=(pci_liveupdate)
# Suites that run in the guest kernel only: VT-d needs INTEL_IOMMU, vfio-pci
# needs VFIO, which the .kunitconfig has not.
GUEST_ONLY_SUITES=(intel_iommu_liveupdate vfio_pci_liveupdate)
# KHO and LUO on, as on a host that can do a Live Update; two vCPUs, so that
# the concurrency case runs in parallel.
BOOT=(--kernel_args=kho=on --kernel_args=liveupdate=on --qemu_args="-smp 2")

# The debug kernel: kunit.py's own configuration from the .kunitconfig, with
# KASAN, lockdep and UBSAN, built from the series plus the project's
# benchmark (bench/), in build/out/kunit-debug.
KUNIT_DEBUG_DIR=$OUT/kunit-debug
KUNIT_DEBUG_CONFIG=(--arch=x86_64 --kunitconfig="$KUNITCONFIG" --build_dir="$KUNIT_DEBUG_DIR"
	--jobs="$JOBS" --kconfig_add=CONFIG_PCI_LIVEUPDATE_BENCH=y)
for o in DEBUG_KERNEL KASAN KASAN_GENERIC PROVE_LOCKING DEBUG_ATOMIC_SLEEP \
	 UBSAN UBSAN_BOUNDS UBSAN_SHIFT; do
	KUNIT_DEBUG_CONFIG+=(--kconfig_add="CONFIG_$o=y")
done

mkdir -p "$BUILD/bin" "$CCACHE_DIR" "$OUT"
ln -sf "$TOP/scripts/qemu-tcg" "$BUILD/bin/qemu-system-x86_64"

# kunit <tree> <label> <kunit.py command and options...>: run kunit.py in
# <tree>, with its output in build/out/<label>.log. Runs write their
# results to build/out/<label>.json (--json; kunit.py config and build have
# none).
kunit() {
	local tree=$1 label=$2; shift 2
	rm -f "$OUT/$label.json"	# a crash must not leave an earlier run's results
	(cd "$tree" && PATH="$BUILD/bin:$CCACHE_PATH:$PATH" ./tools/testing/kunit/kunit.py \
		"$@") >"$OUT/$label.log" 2>&1
}
