#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The blackout of a Live Update: the time from the kexec in stage 1 to the
# preserved devices retrieved and in use in stage 2, in QEMU, measured with
# the blackout scenario of the luo_vfio_pci_kexec selftest and the host's
# clock on the guest's serial lines. Three shapes, on the same guest:
#   0 devices:   LUO with memfds only;
#   1 device:    the edu device preserved;
#   all devices: the edu device and the pci-testdev preserved.
# Both devices are bound to vfio-pci in every shape, and opened by the test
# only when it preserves them, so that the shapes differ by the
# preservation alone. The kernels are quiet: a kernel line written into a
# line of the test would hide it.
# The shapes take turns, REPEAT (default 5) rounds, so that a slow patch
# of the machine hits them alike. Prints each run, then the median and the
# spread per shape, and how much preserving devices adds to the median.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

REPEAT=${REPEAT:-5}
export VMTEST_TIMEOUT=${VMTEST_TIMEOUT:-180}
SHAPES=("0 devices" "1 device" "all devices")
LIMITS=(0 1 2)
results=$OUT/blackout.txt

# run_once <shape index> <round>: measure one blackout, append it to
# $results and print it. It runs in this shell, so that the accelerator
# that the first run's vmtest probes is kept for the others (lib.sh).
run_once() {
	local label=blackout-$1-$2
	local ws=$OUT/vmtest/$label stamped=$OUT/vmtest/$label.stamped
	local kexec end t rc=0

	rm -rf "$ws"
	start_stamping "$ws/qemu.serial" "$stamped"
	vmtest "$label" -T luo_vfio_pci_kexec -q "$GUEST_QEMU_ARGS" \
		-a "intel_iommu=on vfio_pci.ids=1234:11e8,1b36:0005 luo_vfio_pci=blackout luo_vfio_pci_devices=${LIMITS[$1]} quiet" || rc=$?
	stop_stamping
	kexec=$(stamp_of 'DEMO: kexec' "$stamped")
	end=$(stamp_of 'DEMO: blackout end' "$stamped")
	if ! grep -aq "blackout end: ${LIMITS[$1]} devices" "$ws/qemu.serial"; then
		rc="$rc, not ${LIMITS[$1]} devices retrieved"
	fi
	if [ "$rc" != 0 ] || [ -z "$kexec" ] || [ -z "$end" ]; then
		grep -a 'DEMO\|INIT\|Bail' "$ws/qemu.serial" | tail -n 10 >&2
		die "blackout run $label failed (vmtest.sh exit $rc)"
	fi
	t=$(echo "$end - $kexec" | bc)
	printf '%s\t%s\n' "$1" "$t" >>"$results"
	printf '  round %d, %-12s blackout %.3f s\n' "$2" "${SHAPES[$1]}:" "$t"
}

"$TOP/scripts/build-kernel.sh" guest "$TOP/configs/guest.config" >&2
: >"$results"
for round in $(seq "$REPEAT"); do
	for i in "${!SHAPES[@]}"; do
		run_once "$i" "$round"
	done
done

echo
echo "Blackout, kexec to devices retrieved and in use (host clock, $REPEAT runs each, QEMU accelerator: $VMTEST_ACCEL)"
"$TOP/scripts/blackout-stats.py" "$results" "${SHAPES[@]}"
