#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# check-config.sh <fragment> <.config>: fail if an option the fragment sets
# (or unsets) did not survive olddefconfig, for example because a dependency
# is missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

fragment=$1 config=$2
bad=0
while read -r line; do
	case $line in
	CONFIG_*=*) want=$line ;;
	"# CONFIG_"*" is not set") want=$line ;;
	*) continue ;;
	esac
	opt=$(sed -E 's/^# (CONFIG_[A-Za-z0-9_]+) is not set$/\1/; s/=.*//' <<<"$want")
	got=$(grep -E "^($opt=|# $opt is not set)" "$config" || echo "# $opt is not set")
	# The last setting of an option in the fragment wins.
	last=$(grep -E "^($opt=|# $opt is not set)" "$fragment" | tail -n1)
	[ "$want" = "$last" ] || continue
	if [ "$got" != "$want" ]; then
		echo "config: wanted '$want', got '$got'" >&2
		bad=1
	fi
done <"$fragment"
[ "$bad" = 0 ] || die "$(basename "$(dirname "$config")"): some options did not survive olddefconfig"
