# SPDX-License-Identifier: GPL-2.0
# Shared settings and helpers for the project's scripts. Source it; do not run it.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
# shellcheck source=../base.conf
. "$TOP/base.conf"

WORK=$BUILD/linux                 # git work tree: base commit + the series
OUT=$BUILD/out                    # one kernel build directory per configuration
BASE_TAG=base                     # tag of the base commit in $WORK
BRANCH=series                     # branch that carries the series in $WORK
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/pci-liveupdate/ccache}
# Depend mode: on a miss, ccache takes the headers a file includes from the
# compiler's own dependency output (Kbuild's -Wp,-MMD) instead of running
# the preprocessor once more, which made a cold build about 45% slower.
export CCACHE_DEPEND=1

JOBS=${JOBS:-$(nproc)}

log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Files of the series in apply order, as listed in patches/series.
series_patches() {
	grep -v -e '^#' -e '^[[:space:]]*$' "$TOP/patches/series" |
		sed "s|^|$TOP/patches/|"
}

# ccache's gcc: first in PATH, the compiler is the same "gcc" for our builds,
# kunit.py's and vmtest.sh's, so their build directories can be shared.
CCACHE_PATH=/usr/lib/ccache

# The kernel make command, through ccache, for build directory $OUT/$1.
kmake() {
	local cfg=$1; shift
	PATH="$CCACHE_PATH:$PATH" make -C "$WORK" O="$OUT/$cfg" -j"$JOBS" "$@"
}

# What a build's result depends on besides its source and configuration.
compiler_id() {
	gcc --version | head -n1
	ccache --version | head -n1
}

# The configuration fragments of the guest kernel, which the bisect build
# shares, in the order they apply.
guest_fragments() {
	cat "${SELFTEST_CONFIGS[@]}" "$TOP/configs/guest.config"
}

# The kernel make command, through ccache, in the bisect worktree and its
# build directory (checkout_bisect).
bisect_make() {
	PATH="$CCACHE_PATH:$PATH" make -C "$BISECT" O="$OUT/bisect" -j"$JOBS" "$@"
}

# Record the result of one check or test case: result PASS|FAIL|SKIP <name>.
# The test command counts the lines appended to $RESULTS.
result() {
	printf '%s: %s\n' "$1" "$2"
	if [ -n "${RESULTS:-}" ]; then printf '%s\t%s\n' "$1" "$2" >>"$RESULTS"; fi
}

# Files the series adds or modifies, relative to the work tree.
series_files() {
	git -C "$WORK" diff --name-only --diff-filter=AM "$BASE_TAG..$BRANCH" -- "$@"
}

# Objects built from the C files that base..<rev> adds or modifies.
objects_up_to() {
	git -C "$WORK" diff --name-only --diff-filter=AM "$BASE_TAG..$1" -- '*.c' |
		grep -v '^tools/' | sed 's/\.c$/.o/' || true
}

# Objects built from the C files the series adds or modifies.
series_objects() {
	objects_up_to "$BRANCH"
}

# What the configuration of the bisect build depends on at <rev>: the
# Kconfig files of <rev>, and the fragments.
bisect_config_key() {
	{ git -C "$WORK" ls-tree -r "$1" | grep -P '\t(.*/)?Kconfig[^/]*$'
	  guest_fragments; } | sha256sum | cut -d' ' -f1
}

# checkout_bisect <rev>: the second git worktree, build/bisect, at <rev>,
# and its build directory, build/out/bisect, configured as the guest as of
# the series' end (options that <rev> does not know are dropped by
# olddefconfig). The configuration is made again only when the Kconfig
# files or the fragments differ from the last checkout's: rewriting it
# makes Kbuild run syncconfig and prepare again. The work tree and its
# builds stay untouched.
BISECT=$BUILD/bisect
checkout_bisect() {
	local key dir=$OUT/bisect
	if [ ! -e "$BISECT/.git" ]; then
		rm -rf "$BISECT"
		git -C "$WORK" worktree prune
		log "creating the bisect worktree $BISECT"
		git -C "$WORK" worktree add -q --detach "$BISECT" "$BASE_TAG"
	fi
	git -C "$BISECT" checkout -q --detach "$1" && mkdir -p "$dir" || return
	key=$(bisect_config_key "$1")
	[ -f "$dir/.config" ] && [ "$(cat "$dir/config.key" 2>/dev/null)" = "$key" ] && return 0
	rm -f "$dir/config.key"
	guest_fragments >"$dir/.config" &&
	make -C "$BISECT" O="$dir" -s olddefconfig &&
	echo "$key" >"$dir/config.key"
}

# Python tools of the kernel (spdxcheck.py) need Debian's python3 modules,
# not those of another python3 earlier in PATH.
export PATH=/usr/bin:$PATH

# The guest of the selftests and the demo: q35 with an emulated Intel IOMMU,
# two edu devices (1234:11e8) bound to vfio-pci at boot, and a pci-testdev
# (1b36:0005) that stays with no driver. The first edu device, the one the
# tests preserve, is behind the second of three PCIe root ports; the
# firmware reserves 3 more buses behind the first (bus-reserve), which the
# kernel does not, so that edu device is at 05:00.0 as the firmware numbers
# buses and 02:00.0 with pci=assign-busses. The second edu device, behind
# the third port, is never preserved. The edu devices' DMA addresses are 40
# bits wide (their default, 28, would cut the IOVAs the kexec test uses).
# Two pvpanic-pci functions of one slot, with no driver and no ACS, share
# an IOMMU group: the uAPI test checks that such a device is not preserved.
GUEST_QEMU_ARGS="-M q35 -device intel-iommu,intremap=on \
-device pcie-root-port,id=rp1,chassis=1,bus-reserve=3 \
-device pcie-root-port,id=rp2,chassis=2 \
-device edu,bus=rp2,dma_mask=0xffffffffff \
-device pcie-root-port,id=rp3,chassis=3 \
-device edu,bus=rp3,dma_mask=0xffffffffff -device pci-testdev \
-device pvpanic-pci,addr=0x10.0,multifunction=on -device pvpanic-pci,addr=0x10.1"
GUEST_KERNEL_ARGS="intel_iommu=on vfio_pci.ids=1234:11e8"
# Kernel variants, built one after the other in the guest's build directory
# (scripts/build-variant.sh), keep their images here.
IMAGES=$OUT/images
# The kernel the kexec tests and the demo update to: built differently.
NEXT_KERNEL=$IMAGES/next-kernel.bzImage
# A kernel without PCI Live Update, which must boot after a Live Update.
NO_PCI_LIVEUPDATE_KERNEL=$IMAGES/no-pci-liveupdate.bzImage

# The tree of make bench and of the debug KUnit run: the series plus the
# project's benchmark patch (bench/), in a second git worktree on branch
# "bench" (scripts/make-bench-tree.sh).
BENCH_WORK=$BUILD/linux-bench
BENCH_BRANCH=bench

# The id of the tree of files in git worktree $1 as they are now, committed
# or not (untracked files included, ignored ones not).
worktree_tree_id() {
	local index rc=0
	index=$(mktemp)
	cp "$(git -C "$1" rev-parse --path-format=absolute --git-path index)" "$index"
	{ GIT_INDEX_FILE=$index git -C "$1" add -A &&
	  GIT_INDEX_FILE=$index git -C "$1" write-tree; } || rc=$?
	rm -f "$index"
	return "$rc"
}

# The id of what a kernel build reads of tree <tree> of git worktree $1: all
# of it but Documentation/, MAINTAINERS and tools/testing/ (selftests,
# kunit.py), which a kernel build does not read.
kernel_source_id() {
	{ git -C "$1" ls-tree "$2" | grep -vP '\t(Documentation|MAINTAINERS|tools)$'
	  git -C "$1" ls-tree "$2:tools" | grep -vP '\ttesting$'; } | sha256sum | cut -d' ' -f1
}

# The kernel configuration fragments of the liveupdate selftests in the work
# tree, which every kernel of the project starts from.
SELFTEST_CONFIGS=("$WORK"/tools/testing/selftests/liveupdate/config{,.x86_64})

# vmtest <label> <vmtest.sh options...>: run a liveupdate selftest with the
# guest kernel (build/out/guest) through vmtest.sh. Its workspace, with the
# serial log, stays in build/out/vmtest/<label>; its output goes to
# build/out/vmtest/<label>.log. The build stage has built that kernel with
# the configuration vmtest.sh would give it (the selftests' fragments, then
# configs/guest.config): vmtest.sh runs it without configuring and building
# it again (-s), which took most of each run's time. With VMTEST_KERNEL=<name>,
# the kernel is the one build-kernel.sh built in build/out/<name> instead (a
# debug build such as guest-kasan).
vmtest() {
	local label=$1; shift
	local ws=$OUT/vmtest/$label
	rm -rf "$ws"
	mkdir -p "$ws"
	(cd "$WORK" && PATH="$CCACHE_PATH:$PATH" \
		./tools/testing/selftests/liveupdate/vmtest.sh \
		-d "$OUT/${VMTEST_KERNEL:-guest}" -j "$JOBS" -t x86_64 \
		-c "$TOP/configs/guest.config" \
		-w "$ws" -k -s "$@") >"$ws.log" 2>&1
	local rc=$?
	# Probe the accelerator once: the next runs reuse the first's answer.
	if [ -z "${VMTEST_ACCEL:-}" ]; then
		VMTEST_ACCEL=$(sed -n 's/^# Accelerator: //p' "$ws.log" | head -n1)
		[ -n "$VMTEST_ACCEL" ] && export VMTEST_ACCEL
	fi
	return "$rc"
}

# The diagnostics (warning, error, note) about source file $1 in build output $2.
diagnostics_of() {
	grep -E "(^|/)$1:[0-9]+:[0-9]+: " <<<"$2" || true
}

# report_clean <check> <name> <diagnostics>: PASS when there are none;
# otherwise print them, FAIL, and return 1.
report_clean() {
	if [ -z "$3" ]; then
		result PASS "$1: $2"
		return 0
	fi
	sed 's/^/  /' <<<"$3"
	result FAIL "$1: $2"
	return 1
}

# start_stamping <file> <out>: in the background, copy each line written to
# <file> into <out>, prefixed with the host's time in seconds; the times of
# a guest's serial lines survive its kexecs. stop_stamping ends it.
start_stamping() {
	"$TOP/scripts/stamp-lines.py" "$1" "$2" &
	STAMPER=$!
}

stop_stamping() {
	sleep 0.2
	kill "$STAMPER" 2>/dev/null || true
	wait "$STAMPER" 2>/dev/null || true
}

# stamp_of <pattern> <stamped file>: the time of the first line matching it.
stamp_of() {
	grep -a -m1 -- "$1" "$2" | cut -d' ' -f1
}

# dma_blackout_once <label>: one run of the dma-blackout scenario of the
# luo_vfio_pci_kexec selftest; prints "<preserved> <scratch> <lost>
# <resets> <userspace>": the seconds from the kexec until the device
# preserved with its IOMMU domain, and until a device set up from scratch,
# completes a DMA (host clock on the serial lines), the preserved device's
# DMAs lost across the update, its resets, and the seconds from the kexec
# until the new kernel's userspace starts, which both DMAs wait for.
# Returns 1, with the serial lines that matter on stderr, if the run failed.
dma_blackout_once() {
	local label=$1 ws=$OUT/vmtest/$1 stamped=$OUT/vmtest/$1.stamped
	local kexec kept scratch counts user rc=0

	rm -rf "$ws"
	start_stamping "$ws/qemu.serial" "$stamped"
	vmtest "$label" -T luo_vfio_pci_kexec -q "$GUEST_QEMU_ARGS" \
		-a "$GUEST_KERNEL_ARGS luo_vfio_pci=dma-blackout quiet" || rc=$?
	stop_stamping
	kexec=$(stamp_of 'DEMO: kexec' "$stamped")
	kept=$(stamp_of 'preserved with its IOMMU domain: DMA done' "$stamped")
	scratch=$(stamp_of 'set up from scratch: DMA done' "$stamped")
	user=$(stamp_of 'INIT: Starting Stage 2' "$stamped")
	counts=$(sed -n 's/.* \([0-9]*\) lost; resets: \([0-9]*\).*/\1 \2/p' "$ws/qemu.serial" | head -n1)
	if [ "$rc" != 0 ] || [ -z "$kexec" ] || [ -z "$kept" ] || [ -z "$scratch" ] ||
	   [ -z "$user" ] || [ -z "$counts" ]; then
		grep -a 'DEMO\|INIT\|Bail' "$ws/qemu.serial" | tail -n 10 >&2
		return 1
	fi
	echo "$(echo "$kept - $kexec" | bc) $(echo "$scratch - $kexec" | bc) $counts $(echo "$user - $kexec" | bc)"
}
