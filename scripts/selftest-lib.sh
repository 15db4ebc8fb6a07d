# SPDX-License-Identifier: GPL-2.0
# How the test scripts run the liveupdate selftests in QEMU and turn their
# output into results. Source it after lib.sh; do not run it.

# The harness's KTAP lines from a serial log, as results. Fails when no case
# ran, or fewer than its plan ("1..N") announced.
harness_results() {
	local label=$1 serial=$2 n=0 plan
	while read -r line; do
		n=$((n + 1))
		case $line in
		"not ok "*) result FAIL "$label: ${line#not ok * }" ;;
		"ok "*"# SKIP"*) result SKIP "$label: ${line#ok * }" ;;
		"ok "*) result PASS "$label: ${line#ok * }" ;;
		esac
	done < <(grep -aoE '(not )?ok [0-9]+ [^ ]+( # SKIP.*)?$' "$serial")
	plan=$(grep -aoE '^1\.\.[0-9]+' "$serial" | head -n1 | cut -d. -f3)
	if [ -n "$plan" ] && [ "$n" -lt "$plan" ]; then
		result FAIL "$label: $n of $plan cases reported (crash or timeout?)"
	fi
	[ "$n" -gt 0 ]
}

# uapi_selftest <vmtest label> <result label> <kernel args>: the vfio-pci
# uAPI test on the guest of lib.sh, a result per harness case. kmemleak=on
# lets its last case look for leaks. Returns 1 if anything failed.
uapi_selftest() {
	local vmlabel=$1 label=$2 args=$3 rc
	local serial=$OUT/vmtest/$vmlabel/qemu.serial
	# quiet: kernel messages on the serial console would break KTAP lines.
	vmtest "$vmlabel" -T vfio_pci_liveupdate -1 -q "$GUEST_QEMU_ARGS" \
		-a "$GUEST_KERNEL_ARGS quiet kmemleak=on $args"
	rc=$?
	if ! harness_results "$label" "$serial"; then
		tail -n 30 "$OUT/vmtest/$vmlabel.log" | sed 's/^/  /'
		result FAIL "$label: no test ran (exit $rc)"
		return 1
	fi
	case $rc in
	0) ;;
	4) log "$label: every case skipped (each counted as a skip above)" ;;
	*)
		grep -a 'INIT:\|# FAIL\|#  RUN' "$serial" | tail -n 20 | sed 's/^/  /'
		result FAIL "$label: vmtest.sh exited with $rc"
		return 1
		;;
	esac
	grep -aq '^not ok ' "$serial" && return 1
	return 0
}

# The DMAR faults of the preserved edu device (05:00.0, lib.sh), in any of
# the kernels: the test itself sees only the log of its own.
preserved_device_faults() {
	grep -a 'Request device \[0000:05:00\.0\]' "$1"
}

# The warnings, lockdep splats, hung tasks and oopses any of the kernels
# logged: the test itself sees only the log of its own.
kernel_splats() {
	grep -aE 'WARNING:|BUG:|Oops|possible (circular|recursive) locking|inconsistent lock state|blocked for more than' "$1"
}

# The page-table pages of the preserved edu device that a kernel kept for
# the next one, when the next one released fewer of them: the count that
# the last preserve before a kexec logged, against the count freed when the
# next kernel released the device's kept translation, if it did.
kept_page_tables_leaked() {
	awk '/Linux version/ { kept = last; last = "" }
	     /0000:05:00\.0: DMA stays translated across Live Update .*page-table pages\)/ {
		n = $0; sub(/.*, /, "", n); sub(/ page-table pages.*/, "", n); last = n }
	     /0000:05:00\.0: the translation kept by the previous kernel is released/ {
		n = $0; sub(/.*is released: /, "", n); sub(/ page-table pages.*/, "", n)
		if (kept != "" && n != kept)
			print "the previous kernel kept " kept " page-table pages, this one freed " n
		kept = "" }' "$1"
}

# kexec_selftest <label> <what it shows> <vmtest.sh options...>: one
# scenario of luo_vfio_pci_kexec, the kexec Live Update of the edu device.
# It fails too when a kernel logged a DMAR fault of the preserved device,
# or a splat, or when a kernel freed fewer of the device's kept page-table
# pages than the kernel before it kept.
kexec_selftest() {
	local label=$1 what=$2; shift 2
	local serial=$OUT/vmtest/$label/qemu.serial
	if vmtest "$label" -T luo_vfio_pci_kexec -q "$GUEST_QEMU_ARGS" "$@" &&
	   ! preserved_device_faults "$serial" >/dev/null &&
	   ! kernel_splats "$serial" >/dev/null &&
	   [ -z "$(kept_page_tables_leaked "$serial")" ]; then
		result PASS "selftest luo_vfio_pci_kexec: $what"
		return 0
	fi
	preserved_device_faults "$serial" | head -n 5 | sed 's/^/  DMAR fault: /'
	kernel_splats "$serial" | head -n 5 | sed 's/^/  splat: /'
	kept_page_tables_leaked "$serial" | sed 's/^/  leak: /'
	grep -a 'DEMO\|INIT\|Bail\|liveupdate\|# ' "$serial" |
		tail -n 30 | sed 's/^/  /'
	grep -a 'timed out' "$OUT/vmtest/$label.log" | sed 's/^/  /'
	result FAIL "selftest luo_vfio_pci_kexec: $what"
	return 1
}
