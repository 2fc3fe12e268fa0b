"""Starts a program until it logs that its window answers; prints wall and CPU milliseconds.

    python3 launch.py LABEL PATTERN -- COMMAND...

Wall time runs from the spawn to the line; CPU time is the process's user + system time at that
moment (from /proc); the program's own figure (ms after its JVM started) is printed beside them.
"""
import os
import re
import subprocess
import sys
import time

label, pattern = sys.argv[1], sys.argv[2]
cmd = sys.argv[sys.argv.index("--") + 1:]
t0 = time.monotonic()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
try:
    for line in p.stdout:
        if re.search(pattern, line):
            wall = (time.monotonic() - t0) * 1000
            with open(f"/proc/{p.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
            inner = re.search(r"(\d+) ms after", line).group(1)
            print(f"{label}\t{wall:.0f}\t{cpu:.0f}\t{inner}")
            break
    else:
        sys.exit(f"{label}: no line matching '{pattern}' from {' '.join(cmd)}")
finally:
    p.kill()
    p.wait()
