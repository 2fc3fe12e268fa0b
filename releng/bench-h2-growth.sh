#!/usr/bin/env bash
# The embedded database's file against its live data under mixed traffic, for as long as asked.
#   releng/bench-h2-growth.sh [MINUTES] [CALLS_PER_SECOND]     (default 10 minutes at 20 calls per second)
# Starts the server product on its default H2 (sip-server.sh) and runs, side by side: a carrier's calls
# of 3 s each to user bench (SIPp uac -> uas), re-registrations of user reg (2/s), text messages from the
# carrier to user text's phone (5/s), and busy lamps of user lamp's own calls that subscribe and end 5 s
# later (2/s). Every minute it prints the file's size, every tenth minute also the live data: the size
# of a copy of the file compacted offline by H2 (SHUTDOWN COMPACT); at the end it stops the server (a
# normal stop) and prints the file's size after the stop and the live data. The target (issue 68): the
# file at most twice the live data, flat once the first hour is past.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="${BENCH_ROOT:-$here}" # BENCH_ROOT: another checkout, whose built server product runs instead
minutes=${1:-10}; rate=${2:-20}
work="$here/target/bench-h2-growth"
. "$here/releng/sip-server.sh"
sip_server_start "$work"
pids=()
trap 'kill $spid "${pids[@]}" 2>/dev/null; wait $spid 2>/dev/null' EXIT
db="$work/data/db/switchboard.mv.db"
uac=$(free_port); uas=$(free_port); txt=$(free_port); reg=$(free_port); lamp=$(free_port); carrier=$(free_port)
sip_calls_provision "$work"
for user in reg text lamp; do
  api -X PUT "http://127.0.0.1:$http/api/v1/sip/users/$user" -d "{\"password\":\"$user-password-1\"}" >/dev/null
done
api -X PUT "http://127.0.0.1:$http/api/v1/sip/numbers/%2B15550100001" -d '{"destination":"text"}' >/dev/null
api -X PUT "http://127.0.0.1:$http/api/v1/sip/trunks/bench-text" \
  -d "{\"host\":\"127.0.0.1\",\"port\":$carrier,\"addresses\":[\"127.0.0.1:$carrier\"],\"probe\":false}" >/dev/null
resources="$root/tests/io.switchboard.server.it/src/test/resources"
cp "$resources/sipp-message-receive.xml" "$here/releng/messages/sipp-message-send.xml" \
  "$here/releng/h2-soak/sipp-subscribe-end.xml" "$work/sipp/"
sipp 127.0.0.1:$sbport -sf "$work/sipp/sipp-register.xml" -i 127.0.0.1 -p $txt -s text -au text \
  -ap text-password-1 -key expires 7200 -m 1 -nostdin -timeout 20s -timeout_error > "$work/sipp/reg-text.out" 2>&1
secs=$((minutes * 60))
run() { # name, then SIPp's arguments
  local name=$1; shift
  sipp "$@" -nostdin -buff_size 4194304 -timeout $((secs + 60))s -trace_stat -stf "$work/sipp/$name.csv" \
    -trace_err -error_file "$work/sipp/$name.err" > "$work/sipp/$name.out" 2>&1 &
  pids+=($!)
}
run uas 127.0.0.1:$sbport -sn uas -i 127.0.0.1 -p $uas
run text 127.0.0.1:$sbport -sf "$work/sipp/sipp-message-receive.xml" -i 127.0.0.1 -p $txt
sleep 0.5
run calls 127.0.0.1:$sbport -sn uac -s +15550100000 -i 127.0.0.1 -p $uac -r $rate -m $((rate * secs)) -d 3000 \
  -default_behaviors all,-abortunexp -recv_timeout 15000
run messages 127.0.0.1:$sbport -sf "$work/sipp/sipp-message-send.xml" -s +15550100001 -i 127.0.0.1 -p $carrier \
  -r 5 -m $((5 * secs))
run registers 127.0.0.1:$sbport -sf "$work/sipp/sipp-register.xml" -i 127.0.0.1 -p $reg -s reg -au reg \
  -ap reg-password-1 -key expires 120 -r 2 -m $((2 * secs))
run lamps 127.0.0.1:$sbport -sf "$work/sipp/sipp-subscribe-end.xml" -s lamp -au lamp -ap lamp-password-1 \
  -key subscriber lamp -auth_uri "lamp@127.0.0.1:$sbport" -i 127.0.0.1 -p $lamp -r 2 -m $((2 * secs))
mb() { python3 -c "import os,sys; print('%.1f' % (os.path.getsize(sys.argv[1]) / 1e6))" "$1"; }
h2=$(find "$HOME/.m2/repository/com/h2database/h2" -name 'h2-*.jar' | sort | tail -1)
live() { # the live data: a copy of the file compacted offline by H2 (a copy of a running file opens at its last whole commit)
  rm -rf "$work/compact" && mkdir -p "$work/compact" && cp "$db" "$work/compact/"
  java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$work/compact/switchboard" -user "" -password "" \
    -sql "SHUTDOWN COMPACT" > /dev/null
  mb "$work/compact/switchboard.mv.db"
}
echo "minute  file MB  live MB  (calls at $rate/s, messages 5/s, registrations 2/s, lamps 2/s; live every 10 minutes)"
for m in $(seq 1 "$minutes"); do
  sleep 60
  size=$(mb "$db")
  if [ $((m % 10)) = 0 ]; then printf '%6d  %7s  %7s\n' "$m" "$size" "$(live)"; else printf '%6d  %7s\n' "$m" "$size"; fi
done
sleep 10 # the last calls end
calls=$(tail -1 "$work/sipp/calls.csv" | cut -d';' -f"$(head -1 "$work/sipp/calls.csv" | tr ';' '\n' | grep -n '^SuccessfulCall(C)$' | cut -d: -f1)")
records=$(api "http://127.0.0.1:$http/api/v1/cdr/records?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("total", "?"))')
kill "${pids[@]}" 2>/dev/null; pids=()
kill -TERM $spid; wait $spid 2>/dev/null
echo "stopped: file $(mb "$db") MB; $calls calls answered, $records records"
echo "live data (compacted offline): $(live) MB"
