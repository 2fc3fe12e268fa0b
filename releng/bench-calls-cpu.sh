#!/usr/bin/env bash
# Calls at one fixed rate: the server's CPU time per call and where it goes, by thread. A finer gauge
# than the pass/fail ladder of bench-sip.sh for telling whether a change helps.
#   releng/bench-calls-cpu.sh [RATE] [SECONDS]        (default 1000 calls per second for 15 s)
# Starts the server product like bench-sip.sh (-Xmx1g, H2, CDRs stored); SIPp uac is a trunk calling
# a DID that goes to a user registered at SIPp uas (immediate hang-up). Warms up with 3,000 calls at
# 100/s and WARM calls (default 24,000) at 300/s, then runs the rate ROUNDS times (default 2) and
# prints, per run, SIPp's ok/failed/retransmissions, the server's CPU microseconds per call (utime+stime of the process,
# /proc/<pid>/stat) and the busiest threads. JFR=/tmp/x.jfr or PERF=/tmp/x.data profiles the last run (sip-server.sh);
# SIP_CFG and SWITCHBOARD_JAVA_OPTS as in bench-register-cpu.sh; STORE_CFG, the lines of
# etc/io.switchboard.store.jdbc.cfg, puts the server on PostgreSQL (releng/bench-store-cpu.sh).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${BENCH_ROOT:-$(cd "$here/.." && pwd)}" # BENCH_ROOT: another checkout's product (bench-calls-ab.sh)
rate=${1:-1000}; secs=${2:-15}; rounds=${ROUNDS:-2}
work="$root/target/bench-calls-cpu"
. "$here/sip-server.sh"
if [ -n "${STORE_CFG:-}" ]; then sip_server_start "$work" store.jdbc "$STORE_CFG"; else sip_server_start "$work"; fi
uaspid=
trap 'kill $spid $uaspid 2>/dev/null; wait $spid 2>/dev/null' EXIT
uac=$(free_port); uas=$(free_port)
sip_calls_provision "$work"
sipp 127.0.0.1:$uas -sn uas -i 127.0.0.1 -p $uas -nostdin -buff_size 4194304 > "$work/sipp/uas.out" 2>&1 &
uaspid=$!
sleep 0.5
calls() { # rate count csv
  sipp 127.0.0.1:$sbport -sn uac -s +15550100000 -i 127.0.0.1 -p $uac -r $1 -m $2 -d 0 -nostdin \
    -default_behaviors all,-abortunexp -recv_timeout 15000 -buff_size 4194304 -timeout $(($2 / $1 + 60))s \
    -trace_stat -stf $3 > "$work/sipp/uac.out" 2>&1
}
# cold, the server falls behind even at 300/s on a slow machine (its JIT compiler takes a core):
# 3,000 calls at 100/s first, as bench-sip.sh's warm-up starts at a quarter of its rate
calls 100 3000 "$work/sipp/warm-1.csv"
calls 300 "${WARM:-24000}" "$work/sipp/warm.csv"
sleep 2
for round in $(seq 1 "$rounds"); do
  [ $round = $rounds ] && profile_start
  thread_ticks > "$work/threads0"; cpu0=$(cpu_ticks); t0=$(date +%s.%N)
  calls $rate $((rate * secs)) "$work/sipp/run$round.csv"
  thread_ticks > "$work/threads1"; cpu1=$(cpu_ticks); t1=$(date +%s.%N)
  [ $round = $rounds ] && profile_stop
  python3 - "$work/sipp/run$round.csv" $((cpu1 - cpu0)) $((rate * secs)) "$(getconf CLK_TCK)" $t0 $t1 <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
h, last = rows[0], rows[-1]
ticks, n, hz, elapsed = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[6]) - float(sys.argv[5])
print("%d calls: %s ok, %s failed, %s retransmissions; server CPU %d us per call, %.0f %% of a core" % (
    n, last[h.index("SuccessfulCall(C)")], last[h.index("FailedCall(C)")],
    last[h.index("Retransmissions(C)")], ticks * 1_000_000 / hz / n, ticks * 100 / hz / elapsed))
PY
  thread_report "$work/threads0" "$work/threads1" $((rate * secs)) call
done
