#!/usr/bin/env bash
# Two builds at once: releng/bench-calls-cpu.sh run from this checkout and from another one (each
# with its own server product built), side by side at the same rate, so that both meet the same
# minutes of this noisy machine. Run one after the other, the same build's CPU per call moved by a
# quarter from one run to the next here; side by side, each round compares like with like.
#   releng/bench-calls-ab.sh OTHER_CHECKOUT [RATE] [SECONDS]   (default 200 calls/s each, 30 s rounds)
# WARM (default 9000) and ROUNDS (default 4) as in bench-calls-cpu.sh. Prints each round's figures
# of both and their ratio (this checkout over the other), CPU without the JIT compiler's threads.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other="$(cd "${1:?the other checkout}" && pwd)"; rate=${2:-200}; secs=${3:-30}
for tree in "$root" "$other"; do
  [ -x "$tree/product/io.switchboard.server.product/target/switchboard-server/bin/switchboard-server" ] || {
    echo "no server product in $tree: build it there first (./switchboard build)" >&2; exit 2; }
done
out="$root/target/bench-calls-ab"; mkdir -p "$out"
export WARM=${WARM:-9000} ROUNDS=${ROUNDS:-4}
# the other checkout measured with this one's harness, so both count alike
BENCH_ROOT="$other" "$root/releng/bench-calls-cpu.sh" "$rate" "$secs" > "$out/other.txt" 2>&1 &
"$root/releng/bench-calls-cpu.sh" "$rate" "$secs" > "$out/this.txt" 2>&1 &
wait
python3 - "$out/this.txt" "$out/other.txt" "$root" "$other" <<'PY'
import re, sys
def rounds(path):
    text = open(path).read()
    whole = [int(x) for x in re.findall(r"server CPU (\d+) us per call", text)]
    nojit = [int(x) for x in re.findall(r"without the JIT compiler: (\d+) us", text)]
    switches = [float(x) for x in re.findall(r"([\d.]+) context switches per call", text)]
    return list(zip(whole, nojit, switches))
this, other = rounds(sys.argv[1]), rounds(sys.argv[2])
print("this: %s\nother: %s" % (sys.argv[3], sys.argv[4]))
print("round  this us/call (no JIT)  other us/call (no JIT)  ratio (no JIT)  context switches this/other")
for i, (a, b) in enumerate(zip(this, other), 1):
    print("%5d  %8d (%5d)  %8d (%5d)  %5.2f (%4.2f)  %5.1f / %5.1f" % (i, a[0], a[1], b[0], b[1], a[0] / b[0], a[1] / b[1], a[2], b[2]))
PY
