#!/usr/bin/env python3
"""A perf profile's kernel samples by the system call they were taken in (entry frame __x64_sys_*).
   perf script -i /tmp/x.data -F comm,tid,ip,sym > /tmp/x.script; releng/perf-syscalls.py /tmp/x.script
Prints each system call's share of all samples (samples with no system call frame: interrupts,
scheduling on return; the line 'None')."""
import collections, re, sys

samples = open(sys.argv[1]).read().split('\n\n')
total, kernel = 0, collections.Counter()
for sample in samples:
    lines = [l.strip() for l in sample.strip().split('\n') if l.strip()]
    if len(lines) < 2:
        continue
    total += 1
    frames = lines[1:]
    call = None
    for f in frames:
        m = re.search(r'(__x64_sys_\w+|asm_\w+)', f)
        if m:
            call = m.group(1)
        if 'entry_SYSCALL' in f:
            break
    top = frames[0].split()[0]
    if top.startswith('ffffffff'):
        kernel[call] += 1
print('%d samples, %.1f %% in the kernel' % (total, 100 * sum(kernel.values()) / max(total, 1)))
for call, n in kernel.most_common(20):
    print('%5.1f%% %s' % (100 * n / total, call))
