#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# stamp-lines.py <file> <out>: follow <file> as it is written (it may not
# exist yet, and may be replaced), and write each of its lines to <out>
# prefixed with the host's time in seconds. Polls every 2 ms: a guest's
# serial lines get their host time within a few ms. Runs until killed.
import os
import sys
import time

src, dst = sys.argv[1], sys.argv[2]
POLL = 0.002

with open(dst, "w", buffering=1) as out:
    f, ino, partial = None, None, b""
    while True:
        try:
            st = os.stat(src)
            if st.st_ino != ino:
                f, ino, partial = open(src, "rb"), st.st_ino, b""
        except FileNotFoundError:
            pass
        data = f.read() if f else b""
        if not data:
            time.sleep(POLL)
            continue
        now = time.time()
        lines = (partial + data).split(b"\n")
        partial = lines.pop()
        for line in lines:
            out.write(f"{now:.6f} {line.decode(errors='replace')}\n")
