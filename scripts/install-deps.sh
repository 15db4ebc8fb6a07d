#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian bookworm packages the project needs to build, check and
# test the series. Packages that are already installed are left alone.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

packages=(
	# kernel build
	gcc make flex bison bc libelf-dev libssl-dev dwarves cpio rsync kmod
	python3 perl xz-utils ccache
	# fetching the base (apt-get download, dpkg-deb) and building sparse
	apt dpkg-dev libxml2-dev pkg-config
	# guests: QEMU with its firmware, and kexec-tools for the demo
	qemu-system-x86 qemu-utils kexec-tools
	# checks
	git codespell python3-ply python3-git
)

missing=()
for p in "${packages[@]}"; do
	case $p in \#*) continue ;; esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	log "all build dependencies are installed"
	exit 0
fi

log "installing from Debian: ${missing[*]}"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -q update >&2
$SUDO apt-get -q install -y --no-install-recommends "${missing[@]}" >&2
