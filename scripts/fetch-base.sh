#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Download the pinned linux-source .deb from Debian's archive and verify it.
# A private apt configuration under build/apt is used, so the machine's apt
# sources, lists and installed packages are never touched.
#
# Prints the path of the verified .deb on stdout. Does nothing when it is
# already cached.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# shellcheck source=private-apt.sh
. "$TOP/scripts/private-apt.sh"

cached="$BUILD/downloads/${BASE_PACKAGE}_${BASE_VERSION//:/%3a}_all.deb"
if [ -f "$cached" ] && [ -f "$cached.verified" ]; then
	echo "$cached"
	exit 0
fi

private_apt_update
version=$BASE_VERSION
if ! private_apt_has "$BASE_PACKAGE" "$version"; then
	newest=$(private_apt_versions "$BASE_PACKAGE" | head -n1)
	[ -n "$newest" ] || die "$BASE_PACKAGE is not in $BASE_SUITES any more"
	case $newest in
	"$BASE_SERIES".*) ;;
	*) die "newest $BASE_PACKAGE is $newest, not a $BASE_SERIES.x" ;;
	esac
	cat >&2 <<MSG
##############################################################################
WARNING: the pinned base $BASE_PACKAGE $BASE_VERSION has left the archive.
WARNING: using the newest $BASE_SERIES.x instead: $newest
WARNING: its sha256 is not pinned; the checks prove the series still applies.
WARNING: once they pass, pin it in base.conf.
##############################################################################
MSG
	version=$newest
fi

mkdir -p "$BUILD/downloads"
deb="$BUILD/downloads/${BASE_PACKAGE}_${version//:/%3a}_all.deb"
if [ ! -f "$deb" ]; then
	log "downloading $BASE_PACKAGE $version"
	(cd "$BUILD/downloads" && private_apt_get download "$BASE_PACKAGE=$version" >&2)
fi
[ -f "$deb" ] || die "apt-get download did not produce $deb"

sum=$(sha256sum "$deb" | cut -d' ' -f1)
if [ "$version" = "$BASE_VERSION" ]; then
	if [ "$sum" != "$BASE_SHA256" ]; then
		rm -f "$deb"
		die "sha256 mismatch for $deb: got $sum, pinned $BASE_SHA256"
	fi
	log "verified $BASE_PACKAGE $version (sha256 $sum)"
else
	warn "unpinned $BASE_PACKAGE $version has sha256 $sum (apt verified it against the signed archive)"
fi
touch "$deb.verified"
echo "$deb"
