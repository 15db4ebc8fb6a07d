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

JOBS=${JOBS:-$(nproc)}

log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Files of the series in apply order, as listed in patches/series.
series_patches() {
	grep -v -e '^#' -e '^[[:space:]]*$' "$TOP/patches/series" |
		sed "s|^|$TOP/patches/|"
}

# The kernel make command, through ccache, for build directory $OUT/$1.
kmake() {
	local cfg=$1; shift
	make -C "$WORK" O="$OUT/$cfg" -j"$JOBS" CC="ccache gcc" HOSTCC="ccache gcc" "$@"
}
