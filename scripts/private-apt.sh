# SPDX-License-Identifier: GPL-2.0
# A private apt configuration under build/apt, for packages that bookworm
# lacks. Sourced by the fetch scripts. The system's sources.list, lists,
# cache and dpkg status are never read or written.

APT_ROOT=$BUILD/apt

private_apt_setup() {
	mkdir -p "$APT_ROOT"/{lists/partial,cache/archives/partial,etc/preferences.d}
	: >"$APT_ROOT/etc/sources.list"
	local suite
	for suite in $BASE_SUITES $SPARSE_SOURCE_SUITE; do
		echo "deb [signed-by=$APT_KEYRINGS] $DEBIAN_MIRROR $suite main"
		echo "deb-src [signed-by=$APT_KEYRINGS] $DEBIAN_MIRROR $suite main"
	done | sort -u >"$APT_ROOT/etc/sources.list"
}

# Debian's archive keys shipped with bookworm's debian-archive-keyring.
APT_KEYRINGS=$(ls /usr/share/keyrings/debian-archive-*.gpg 2>/dev/null |
	grep -v removed | paste -sd, -)

private_apt_get() {
	apt-get \
		-o Dir::Etc::SourceList="$APT_ROOT/etc/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::Etc::Preferences="$APT_ROOT/etc/preferences" \
		-o Dir::Etc::PreferencesParts="$APT_ROOT/etc/preferences.d" \
		-o Dir::State::Lists="$APT_ROOT/lists" \
		-o Dir::Cache="$APT_ROOT/cache" \
		-o Dir::State::status=/dev/null \
		-o APT::Get::List-Cleanup=false \
		-o Debug::NoLocking=true \
		-o APT::Sandbox::User=root \
		"$@"
}

private_apt_cache() {
	apt-cache \
		-o Dir::Etc::SourceList="$APT_ROOT/etc/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$APT_ROOT/lists" \
		-o Dir::Cache="$APT_ROOT/cache" \
		-o Dir::State::status=/dev/null \
		"$@"
}

# Refresh the private package lists at most once an hour.
private_apt_update() {
	private_apt_setup
	local stamp=$APT_ROOT/updated
	if [ -z "$(find "$stamp" -mmin -60 2>/dev/null)" ]; then
		log "updating the private apt lists ($BASE_SUITES $SPARSE_SOURCE_SUITE)"
		private_apt_get -q update >&2 || die "private apt update failed"
		touch "$stamp"
	fi
}

# Versions of binary package $1 in the private lists, newest first.
private_apt_versions() {
	private_apt_cache madison "$1" 2>/dev/null |
		awk -F'|' '$3 ~ /Packages/ { gsub(/ /, "", $2); print $2 }' |
		sort -u -V -r
}

private_apt_has() {
	private_apt_versions "$1" | grep -xF "$2" >/dev/null
}
