#!/usr/bin/env bash
# NOTIFY fan-out: WATCHERS busy lamp subscriptions (SIPp, one dialog each, default 1,000) to one user's
# dialog state; one call to that user (a carrier's, answered, 1 s) changes it three times (ringing,
# talking, ended). Prints the server's CPU per NOTIFY and how long the three rounds took from the call's
# start until every lamp had answered its last NOTIFY.
#   releng/bench-notify.sh [WATCHERS]
# Starts the server product like the other SIP harnesses (sip-server.sh).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
watchers=${1:-1000}
work="$root/target/bench-notify"
. "$root/releng/sip-server.sh"
sip_server_start "$work"
uaspid=; lampspid=
trap 'kill $spid $uaspid $lampspid 2>/dev/null; wait $spid 2>/dev/null' EXIT
uac=$(free_port); uas=$(free_port); lamps=$(free_port)
sip_calls_provision "$work"
api -X PUT "http://127.0.0.1:$http/api/v1/sip/users/lamp" -d '{"password":"lamp-password-1"}' >/dev/null
cp "$root/releng/messages/sipp-lamp.xml" "$work/sipp/"
sipp 127.0.0.1:$sbport -sn uas -i 127.0.0.1 -p $uas -nostdin > "$work/sipp/uas.out" 2>&1 &
uaspid=$!
sipp 127.0.0.1:$sbport -sf "$work/sipp/sipp-lamp.xml" -s bench -au lamp -ap lamp-password-1 -key subscriber lamp \
  -auth_uri "bench@127.0.0.1:$sbport" -i 127.0.0.1 -p $lamps -m $watchers -r 50 -l $((watchers * 2)) -nostdin \
  -buff_size 4194304 -timeout 300s -trace_stat -stf "$work/sipp/lamps.csv" -trace_err -error_file "$work/sipp/lamps.err" \
  > "$work/sipp/lamps.out" 2>&1 &
lampspid=$!
for i in $(seq 1 600); do
  n=$(api "http://127.0.0.1:$http/api/v1/presence/subscriptions" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  [ "$n" = "$watchers" ] && break
  sleep 0.5
done
echo "$n subscriptions to bench's dialog state"
sleep 2
c0=$(cpu_ticks); t0=$(date +%s.%N)
sipp 127.0.0.1:$sbport -sn uac -s +15550100000 -i 127.0.0.1 -p $uac -m 1 -d 1000 -nostdin -timeout 30s \
  > "$work/sipp/uac.out" 2>&1
wait $lampspid; lamps_rc=$?; lampspid=
c1=$(cpu_ticks); t1=$(date +%s.%N)
python3 - $((c1 - c0)) $((watchers * 3)) "$(getconf CLK_TCK)" $t0 $t1 $lamps_rc <<'PY'
import sys
ticks, n, hz, t0, t1, rc = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
print("%d NOTIFYs (3 changes x %d lamps; SIPp exit %s): server CPU %.0f us per NOTIFY (%.2f s in all, the call's own included); "
      "%.2f s from the call's start to the last lamp's last answer (the call lasts 1 s)"
      % (n, n // 3, rc, ticks * 1_000_000 / hz / n, ticks / hz, t1 - t0))
PY
