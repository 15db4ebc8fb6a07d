#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The cover letter's subject and text live in patches/0000-cover-letter.patch.
# In the work tree they are the series branch's description, which
# 'git format-patch --cover-from-description=subject' turns back into the
# cover letter (with a fresh shortlog and diffstat).
#
#   cover-letter.sh import   patches/0000-cover-letter.patch -> description
#   cover-letter.sh edit     edit the description in $EDITOR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

COVER=$TOP/patches/0000-cover-letter.patch

# Subject without its "[PATCH 0/N] " prefix, a blank line, then the text up
# to the shortlog ("Author Name (N):").
cover_description() {
	python3 - "$COVER" <<'PY'
import email, re, sys
with open(sys.argv[1]) as f:
    msg = email.message_from_file(f)
subject = re.sub(r'^\[[^]]*\]\s*', '', ' '.join(msg['Subject'].split()))
body = []
for line in msg.get_payload().splitlines():
    if re.match(r'^\S.* \(\d+\):$', line):
        break
    body.append(line)
print(subject + '\n\n' + '\n'.join(body).strip())
PY
}

case ${1:-} in
import)
	git -C "$WORK" config "branch.$BRANCH.description" "$(cover_description)"
	;;
edit)
	git -C "$WORK" branch --edit-description "$BRANCH"
	;;
*)
	die "usage: $0 import|edit"
	;;
esac
