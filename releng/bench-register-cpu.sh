#!/usr/bin/env bash
# REGISTER at one fixed rate: the server's CPU time per registration (401, REGISTER with digest,
# 200), a finer gauge than the pass/fail ladder of bench-sip.sh for telling whether a change helps.
#   releng/bench-register-cpu.sh [RATE] [SECONDS]        (default 3000 per second for 10 s)
# Starts the server product like bench-sip.sh (-Xmx1g, H2), warms it up with WARM registrations
# (default 40,000) at 1,000/s, then runs the rate twice and prints, per run, SIPp's ok/failed/retransmissions and the
# server's CPU microseconds per registration (utime+stime of the process, /proc/<pid>/stat).
# JFR=/tmp/x.jfr or PERF=/tmp/x.data profiles the second run (sip-server.sh); KEEP=1 leaves the server running;
# REG_USERS=1000 spreads the REGISTERs over 1,000 users; SIP_CFG='threads = 4' adds SIP settings.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rate=${1:-3000}; secs=${2:-10}
work="$root/target/bench-register-cpu"
. "$root/releng/sip-server.sh"
sip_server_start "$work"
[ "${KEEP:-0}" = 1 ] || trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null' EXIT
uac=$(free_port)
cp "$root/tests/io.switchboard.server.it/src/test/resources/sipp-register.xml" "$work/sipp/"
. "$root/releng/sip-users.sh"
sip_register_who "${REG_USERS:-1}" "$http" "$secret" "$work/sipp"
reg() { # rate count csv
  sipp 127.0.0.1:$sbport "${reg_who[@]}" -i 127.0.0.1 \
    -recv_timeout 15000 -p $uac -r $1 -m $2 -key expires 3600 -nostdin -buff_size 4194304 -timeout 60s \
    -trace_stat -stf $3 > "$work/sipp/reg.out" 2>&1
}
reg 1000 "${WARM:-40000}" "$work/sipp/warm.csv"
sleep 2
for round in 1 2; do
  [ $round = 2 ] && profile_start
  thread_ticks > "$work/threads0"; cpu0=$(cpu_ticks); st0=$(api "http://127.0.0.1:$http/api/v1/sip/status")
  reg $rate $((rate * secs)) "$work/sipp/run$round.csv"
  thread_ticks > "$work/threads1"; cpu1=$(cpu_ticks); st1=$(api "http://127.0.0.1:$http/api/v1/sip/status")
  [ $round = 2 ] && profile_stop
  python3 - "$work/sipp/run$round.csv" $((cpu1 - cpu0)) $((rate * secs)) "$(getconf CLK_TCK)" "$st0" "$st1" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
h, last = rows[0], rows[-1]
ticks, n, hz = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print("%s registrations: %s ok, %s failed, %s retransmissions; server CPU %d us per registration" % (
    sys.argv[3], last[h.index("SuccessfulCall(C)")], last[h.index("FailedCall(C)")],
    last[h.index("Retransmissions(C)")], ticks * 1_000_000 / hz / n))
s0, s1 = json.loads(sys.argv[5]), json.loads(sys.argv[6])
writes, commits = s1["bindingWrites"] - s0["bindingWrites"], s1["bindingCommits"] - s0["bindingCommits"]
print("  bindings written %d in %d commits (%.1f per commit); REGISTERs shed with 503: %d; UDP datagrams dropped: %d" % (
    writes, commits, writes / max(1, commits), s1["registersShed"] - s0["registersShed"],
    s1["udpDatagramsDropped"] - s0["udpDatagramsDropped"]))
PY
  thread_report "$work/threads0" "$work/threads1" $((rate * secs)) registration
done
