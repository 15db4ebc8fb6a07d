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

# ccache's gcc: first in PATH, the compiler is the same "gcc" for our builds,
# kunit.py's and vmtest.sh's, so their build directories can be shared.
CCACHE_PATH=/usr/lib/ccache

# The kernel make command, through ccache, for build directory $OUT/$1.
kmake() {
	local cfg=$1; shift
	PATH="$CCACHE_PATH:$PATH" make -C "$WORK" O="$OUT/$cfg" -j"$JOBS" "$@"
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

# Objects built from the C files the series adds or modifies.
series_objects() {
	series_files '*.c' | grep -v '^tools/' | sed 's/\.c$/.o/'
}

# Python tools of the kernel (spdxcheck.py) need Debian's python3 modules,
# not those of another python3 earlier in PATH.
export PATH=/usr/bin:$PATH
