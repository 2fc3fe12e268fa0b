#!/usr/bin/env python3
"""Where test servers' CPU goes, by thread: samples the threads of every running server product (its
launcher's Main) every 0.3 s and, on SIGTERM, writes to FILE their CPU seconds by thread name (numbers
folded: qtpN, CN CompilerThre...), the last figure seen of each thread.
   python3 releng/server-threads-cpu.py FILE & <run some ITs> ; kill -TERM $!"""
import os, re, signal, sys, time, collections
hz = os.sysconf('SC_CLK_TCK'); out = sys.argv[1]
seen = {}  # (pid, tid) -> [group, cpu]
def group(name):
    name = re.sub(r'[-#\s]*\d+$', '', name)
    return re.sub(r'\d+', 'N', name)
def sample():
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        try:
            if 'io.switchboard.server.launcher.Main' not in open(f'/proc/{p}/cmdline').read(): continue
            for t in os.listdir(f'/proc/{p}/task'):
                st = open(f'/proc/{p}/task/{t}/stat').read()
                name = st[st.index('(') + 1:st.rindex(')')]
                f = st[st.rindex(')') + 2:].split()
                seen[(p, t)] = [group(name), (int(f[11]) + int(f[12])) / hz]
        except (OSError, ValueError):
            pass
def dump(*_):
    tot = collections.Counter()
    for g, cpu in seen.values(): tot[g] += cpu
    with open(out, 'w') as fh:
        fh.write(f'{sum(tot.values()):9.1f} s  all\n')
        for g, cpu in tot.most_common(40): fh.write(f'{cpu:9.1f} s  {g}\n')
    sys.exit(0)
signal.signal(signal.SIGTERM, dump)
while True:
    sample(); time.sleep(0.3)
