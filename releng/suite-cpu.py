#!/usr/bin/env python3
"""Where a run's CPU goes, by process: samples /proc every half second and, on SIGTERM, writes to FILE the
CPU seconds of each kind of process (a test server by the JVM that started it) since the sampler started.
   python3 releng/suite-cpu.py FILE & ... ; kill -TERM $!      (a process that lived under 0.5 s may be missed)"""
import os, signal, sys, time, collections
hz = os.sysconf('SC_CLK_TCK'); out = sys.argv[1]
seen = {}  # (pid, starttime) -> [class, cpu, ppid, base]
first = [True]  # processes already running count from the first sample
SHELLS = {'bash', 'sh', 'env', '?', 'xvfb-run', 'script', 'timeout'}
def classify(cmd):
    c = ' '.join(cmd)
    if 'io.switchboard.server.launcher.Main' in c: return 'server-jvm'
    if 'surefirebooter' in c: return 'surefire-jvm'
    if 'org.eclipse.equinox.launcher' in c or 'EquinoxLauncher' in c or 'osgi.framework' in c: return 'equinox-jvm'
    if 'plexus-classworlds' in c or 'org.codehaus.plexus.classworlds' in c: return 'maven'
    if 'solr' in c.lower() and cmd and cmd[0].endswith('java'): return 'solr'
    if cmd and cmd[0].endswith('java'):
        main = next((a for a in cmd[1:] if not a.startswith('-') and '/' not in a), None) \
            or next((a for a in cmd[1:] if a.endswith('.jar')), '?')
        return 'java-other:' + main[-50:]
    return os.path.basename(cmd[0]) if cmd else '?'
def sample():
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        try:
            st = open(f'/proc/{p}/stat').read()
            f = st[st.rindex(')') + 2:].split()
            own = (int(f[11]) + int(f[12])) / hz
            key = (p, f[19])
            e = seen.get(key)
            if e is None or e[0] in SHELLS:
                cmd = [x for x in open(f'/proc/{p}/cmdline').read().split('\0') if x]
                cls = classify(cmd)
                if e is None: seen[key] = e = [cls, own, f[1], own if first[0] else 0.0]
                else: e[0] = cls
            e[1] = own
        except (OSError, ValueError, IndexError):
            pass
def dump(*_):
    bypid = {k[0]: v for k, v in seen.items()}
    tot = collections.Counter(); n = collections.Counter()
    for cls, cpu, ppid, base in seen.values():
        cpu -= base
        if cls == 'server-jvm':
            par = bypid.get(ppid)
            # the launcher script execs java: its parent is the test JVM that started it
            cls += ':' + (par[0] if par else '?')
        tot[cls] += cpu; n[cls] += 1
    with open(out, 'w') as fh:
        for cls, cpu in tot.most_common(): fh.write(f'{cpu:9.1f} s  {n[cls]:5d} procs  {cls}\n')
    sys.exit(0)
signal.signal(signal.SIGTERM, dump)
while True:
    sample(); first[0] = False; time.sleep(0.5)
