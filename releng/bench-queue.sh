#!/usr/bin/env bash
# The front door under load (issue 63), against the relay carrying calls in the same run (releng/QueueLoad.java):
# callers waiting in a queue with its music and announcements, callers in menus pressing keys, and agents
# answering a queue that always has callers waiting: the way from an agent free to the next caller's INVITE.
#   releng/bench-queue.sh [RELAY_CALLS [HOLD [MENUS [AGENTS [WAITING [SECONDS]]]]]]
#   (default 500 relayed calls, 1000 callers on hold, 500 in menus, 500 agents with 1000 callers waiting, 30 s)
# A part given 0 is left out. JFR=/tmp/q.jfr records the server (sip-server.sh). The server product runs with
# SWITCHBOARD_JAVA_OPTS (default -Xmx2g), H2, its defaults but for the SIP harness's limits.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
relay=${1:-500}; hold=${2:-1000}; menus=${3:-500}; agents=${4:-500}; waiting=${5:-1000}; secs=${6:-30}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
work="$root/target/bench-queue"
export SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xmx2g}"
. "$root/releng/sip-server.sh"
sip_server_start "$work"
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null' EXIT
base="http://127.0.0.1:$http/api/v1"
api -X PUT "$base/sip/trunks/carrier" -d '{"host":"127.0.0.2","port":5060,"addresses":["127.0.0.2"],"probe":false,"maxChannels":0}' >/dev/null \
  || { echo "trunk not made" >&2; exit 1; }
# the users, four requests at a time
{ seq 1 "$relay" | sed 's/^/r/'; seq 1 "$agents" | sed 's/^/a/'; echo p1; } \
  | xargs -P 4 -I{} curl -sf -o /dev/null -u admin:$secret -H 'Content-Type: application/json' -X PUT \
      "$base/sip/users/{}" -d '{"password":"bench-password-1"}' || { echo "users not made" >&2; exit 1; }
csv="$work/numbers.csv"; echo "number,destination,description,emergencyAddress,tags" > "$csv"
for n in $(seq 1 "$relay"); do printf '+1555020%04d,r%d,,,\n' $n $n >> "$csv"; done
printf '+15550300000,hold,,,\n+15550400000,801,,,\n+15550500000,desk,,,\n' >> "$csv"
# queues and menus: their API may come up a moment after SIP's
for i in $(seq 1 60); do
  api -X PUT "$base/queues/hold" -d '{"members":["p1"],"maxCallers":1000,"maxWaitSeconds":7200}' >/dev/null && break
  [ "$i" = 60 ] && { echo "queue hold not made" >&2; exit 1; }; sleep 0.5
done
api -X PUT "$base/queues/hold/agents/p1" -d '{"state":"PAUSED","reason":"bench"}' >/dev/null || { echo "p1 not paused" >&2; exit 1; }
api -X PUT "$base/queues/desk" -d '{"dynamic":true,"maxCallers":1000,"maxWaitSeconds":7200,"wrapUpSeconds":0,"ringSeconds":15}' \
  >/dev/null || { echo "queue desk not made" >&2; exit 1; }
seq 1 "$agents" | xargs -P 4 -I{} curl -sf -o /dev/null -u admin:$secret -H 'Content-Type: application/json' -X PUT \
  "$base/queues/desk/agents/a{}" -d '{"state":"READY"}' || { echo "agents not logged in" >&2; exit 1; }
for m in 801 802; do # each names the other: both are made before either names the other
  api -X PUT "$base/attendant/menus/$m" -d '{}' >/dev/null || { echo "menu $m not made" >&2; exit 1; }
done
for m in 801:802 802:801; do
  api -X PUT "$base/attendant/menus/${m%:*}" -d "{\"keys\":{\"1\":\"menu:${m#*:}\"},\"timeoutSeconds\":30,\"retries\":9}" \
    >/dev/null || { echo "menu ${m%:*} not made" >&2; exit 1; }
done
curl -sf -u admin:$secret -H 'Content-Type: text/csv' -H 'X-Requested-By: bench' --data-binary @"$csv" "$base/sip/numbers/import" > "$work/import.json" \
  || { echo "numbers not imported" >&2; exit 1; }
cp=$repo/com/icegreen/greenmail/2.1.3/greenmail-2.1.3.jar:$repo/jakarta/mail/jakarta.mail-api/2.1.3/jakarta.mail-api-2.1.3.jar
echo "server: $SWITCHBOARD_JAVA_OPTS; relay $relay calls, hold $hold callers, menus $menus callers, $agents agents with $waiting callers waiting, ${secs} s each"
profile_start
thread_ticks > "$work/threads0"
"$java_home/bin/java" -Xmx3g -cp "$cp" "$root/releng/QueueLoad.java" "$sbport" "$jpid" "$relay" "$hold" "$menus" \
  "$agents" "$waiting" "$secs"
thread_ticks > "$work/threads1"
profile_stop
echo "server CPU by thread over the whole run, per second of the run:"
thread_report "$work/threads0" "$work/threads1" 1 run
echo "server log warnings and errors: $(grep -cE "WARNING|SEVERE" "$work/server.log")"
