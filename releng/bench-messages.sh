#!/usr/bin/env bash
# Text messages (SIP MESSAGE) relayed at one fixed rate, through Switchboard and through Kamailio 5.6
# (Debian's, a stateful proxy: t_relay, releng/messages/kamailio.cfg.in) in the same run, to the same
# phone: CPU per relayed message of each, and their ratio.
#   releng/bench-messages.sh [RATE] [SECONDS]          (default 500 messages per second for 20 s)
# Switchboard does what it does for every message: the carrier's trunk known by its address, routing
# of the number to user bench, delivery to bench's registered phone (SIPp uas), the history row in H2.
# Kamailio only relays. Both warm up with WARM messages (default 20,000 at 500/s), then run ROUNDS
# times (default 2). CPU is utime+stime from /proc (all of Kamailio's processes). JFR=/tmp/x.jfr profiles
# Switchboard's last run (sip-server.sh). Needs sipp, kamailio.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rate=${1:-500}; secs=${2:-20}; rounds=${ROUNDS:-2}; warm=${WARM:-20000}
work="$root/target/bench-messages"
command -v kamailio >/dev/null || { echo "kamailio missing: apt-get install kamailio" >&2; exit 2; }
. "$root/releng/sip-server.sh"
sip_server_start "$work"
uaspid=; kpid=
trap 'kill $spid $uaspid $kpid 2>/dev/null; wait $spid 2>/dev/null' EXIT
uac=$(free_port); uas=$(free_port); kport=$(free_port)
sip_calls_provision "$work"
cp "$root/tests/io.switchboard.server.it/src/test/resources/sipp-message-receive.xml" "$root/releng/messages/sipp-message-send.xml" "$work/sipp/"
sipp 127.0.0.1:$sbport -sf "$work/sipp/sipp-message-receive.xml" -i 127.0.0.1 -p $uas -nostdin -buff_size 4194304 \
  > "$work/sipp/uas.out" 2>&1 &
uaspid=$!
kamailio_start "$work/kamailio" "$root/releng/messages/kamailio.cfg.in" "s/@PORT@/$kport/; s/@UAS@/$uas/"
kpid=$kamailio_pid
sleep 1
send() { # port rate count csv
  sipp 127.0.0.1:$1 -sf "$work/sipp/sipp-message-send.xml" -s +15550100000 -i 127.0.0.1 -p $uac -r $2 -m $3 \
    -nostdin -default_behaviors all,-abortunexp -recv_timeout 15000 -buff_size 4194304 -timeout $(($3 / $2 + 60))s \
    -trace_stat -stf $4 > "$work/sipp/uac.out" 2>&1
}
kam_ticks() { # every process of this Kamailio: the main one and its children
  local t=0 p
  for p in $kpid $(pgrep -P $kpid); do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done
  echo $t
}
report() { # name csv ticks count t0 t1
  python3 - "$@" "$(getconf CLK_TCK)" <<'PY'
import csv, sys
name, path, ticks, n, t0, t1, hz = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
rows = list(csv.reader(open(path), delimiter=';'))
h, last = rows[0], rows[-1]
us = ticks * 1_000_000 / hz / n
print("%-11s %d messages: %s ok, %s failed, %s retransmissions; %.0f us CPU per message, %.0f %% of a core, %.0f messages/s"
      % (name, n, last[h.index("SuccessfulCall(C)")], last[h.index("FailedCall(C)")], last[h.index("Retransmissions(C)")],
         us, ticks * 100 / hz / (t1 - t0), int(last[h.index("SuccessfulCall(C)")]) / (t1 - t0)))
print(us, file=open(path + ".us", "w"))
PY
}
send $sbport 100 2000 "$work/sipp/warm-1.csv"
send $sbport 500 "$warm" "$work/sipp/warm-sb.csv"
send $kport 500 "$warm" "$work/sipp/warm-k.csv"
sleep 2
n=$((rate * secs))
for round in $(seq 1 "$rounds"); do
  [ $round = $rounds ] && profile_start
  thread_ticks > "$work/threads0"; c0=$(cpu_ticks); t0=$(date +%s.%N)
  send $sbport $rate $n "$work/sipp/sb$round.csv"
  c1=$(cpu_ticks); t1=$(date +%s.%N); thread_ticks > "$work/threads1"
  [ $round = $rounds ] && profile_stop
  report Switchboard "$work/sipp/sb$round.csv" $((c1 - c0)) $n $t0 $t1
  thread_report "$work/threads0" "$work/threads1" $n message
  k0=$(kam_ticks); t0=$(date +%s.%N)
  send $kport $rate $n "$work/sipp/k$round.csv"
  k1=$(kam_ticks); t1=$(date +%s.%N)
  report Kamailio "$work/sipp/k$round.csv" $((k1 - k0)) $n $t0 $t1
  python3 -c "import sys; a=float(open(sys.argv[1]).read()); b=float(open(sys.argv[2]).read()); print('  Switchboard / Kamailio CPU per message: %.1fx' % (a / b))" \
    "$work/sipp/sb$round.csv.us" "$work/sipp/k$round.csv.us"
done
