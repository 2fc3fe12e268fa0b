#!/usr/bin/env bash
# Failover under load: three servers behind Kamailio on one PostgreSQL (releng/cluster-start.sh, the
# shipped edge configuration); alice calls bob through the edge at RATE calls a second, each call
# 2 s long; 15 s in, one server is killed with SIGKILL. From SIPp's own per-call log it prints the
# calls that failed, the setup time of calls before the kill, and after it: the slowest, and the
# time from the kill until new calls set up as fast as before.
#   releng/bench-failover.sh [RATE] [SECONDS]     (default 10 calls a second for 45 s)
# alice (127.0.0.10) and bob (127.0.0.11) send under the edge's pike limit of 200 requests in 2 s
# from one address: a call is five requests from alice.
# PostgreSQL from SWITCHBOARD_TEST_PG_URL / _USER (default 127.0.0.1:5432/test, postgres), in a
# schema of its own, dropped at the end. Needs kamailio, sipp, psql and the built server.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rate=${1:-10}; secs=${2:-45}
res="$root/tests/io.switchboard.server.it/src/test/resources"
url=${SWITCHBOARD_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
user=${SWITCHBOARD_TEST_PG_USER:-postgres}
hostport=${url#jdbc:postgresql://}; hostport=${hostport%%/*}; db=${url##*/}; db=${db%%\?*}
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -q -h "${hostport%%:*}" -p "${hostport##*:}" -U "$user" -d "$db" "$@"; }
work="$root/target/bench-failover"
rm -rf "$work" && mkdir -p "$work"
schema=sb_failover_$$
psql_ -c "CREATE SCHEMA $schema"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
edge=$(free_port); bob=$(free_port)
export SWITCHBOARD_ADMIN_PASSWORD=bench-only-secret SWITCHBOARD_CLUSTER_DIR="$work/cluster" SWITCHBOARD_EDGE_PORT=$edge
"$root/releng/cluster-start.sh" 3 "$url?currentSchema=$schema" "$user" > "$work/cluster.out" 2>&1 &
cluster=$!
cleanup() {
  set +e
  kill $cluster 2>/dev/null; wait $cluster 2>/dev/null
  pkill -f "sipp 127.0.0.1:$edge"
  psql_ -c "DROP SCHEMA $schema CASCADE"
}
trap cleanup EXIT
api() { curl -sf -u "admin:$SWITCHBOARD_ADMIN_PASSWORD" -H 'X-Requested-By: bench' -H 'Content-Type: application/json' "$@"; }
for _ in $(seq 120); do
  alive=$(api http://127.0.0.1:8081/api/v1/cluster/nodes 2>/dev/null | python3 -c \
    'import json,sys; print(sum(n["alive"] for n in json.load(sys.stdin)["nodes"]))' 2>/dev/null || echo 0)
  [ "$alive" = 3 ] && break; sleep 1
done
[ "$alive" = 3 ] || { echo "the three servers did not come up: $work/cluster" >&2; exit 1; }
for u in alice bob; do  # the users' resource registers a moment after the heartbeat
  for _ in $(seq 60); do
    api -X PUT -d '{"password":"failover-password-1"}' "http://127.0.0.1:8081/api/v1/sip/users/$u" > /dev/null && break
    sleep 1
  done
done
sleep 15  # the servers finish starting (their first rollups, indexes) and the edge's probes settle
cd "$work"
for _ in $(seq 10); do  # until every server's SIP side has started
  sipp "127.0.0.1:$edge" -sf "$res/sipp-register.xml" -i 127.0.0.11 -p "$bob" -s bob -au bob \
    -ap failover-password-1 -key expires 3600 -m 1 -nostdin > register.out 2>&1 && break
  sleep 2
done
# a warm-up at the same rate, so that the figures are of servers whose JIT has done its work
warm=$((rate * 20))
sipp "127.0.0.1:$edge" -sf "$res/sipp-edge-answer.xml" -i 127.0.0.11 -p "$bob" -m "$warm" -nostdin > warm-bob.out 2>&1 &
warm_bob=$!
sleep 0.5
sipp "127.0.0.1:$edge" -sf "$res/sipp-edge-call.xml" -i 127.0.0.10 -p "$(free_port)" -s bob -au alice \
  -ap failover-password-1 -key caller alice -d 2000 -r "$rate" -m "$warm" -timeout 90s \
  -auth_uri "bob@127.0.0.1:$edge" -nostdin > warm-alice.out 2>&1 || true
kill $warm_bob 2>/dev/null || true; wait $warm_bob 2>/dev/null || true
mkdir -p run && cd run
calls=$((rate * secs))
sipp "127.0.0.1:$edge" -sf "$res/sipp-edge-answer.xml" -i 127.0.0.11 -p "$bob" -m "$calls" -nostdin \
  > bob.out 2>&1 &
sleep 0.5
sipp "127.0.0.1:$edge" -sf "$res/sipp-edge-call.xml" -i 127.0.0.10 -p "$(free_port)" -s bob -au alice \
  -ap failover-password-1 -key caller alice -d 2000 -r "$rate" -m "$calls" -timeout $((secs + 60))s \
  -auth_uri "bob@127.0.0.1:$edge" -trace_rtt -rtt_freq 1 -trace_stat -fd 1 -nostdin > alice.out 2>&1 &
alice=$!
sleep 15
victim=$(pgrep -f -- "--node node-2 " | head -1)
kill -9 "$victim"
killed=$(date +%s%3N)
wait $alice || true
python3 - "$killed" <<'PY'
import csv, glob, sys
killed = int(sys.argv[1])
stat = list(csv.reader(open(glob.glob("sipp-edge-call*_.csv")[0]), delimiter=";"))
head, last = stat[0], stat[-1]
started = float(stat[1][0].split("\t")[-1]) * 1000  # SIPp's start, epoch ms; its RTT log counts from it
rows = []
for path in glob.glob("sipp-edge-call*_rtt.csv"):
    for r in csv.reader(open(path), delimiter=";"):
        if r and r[0][:1].isdigit():
            rows.append((started + float(r[0]), float(r[1])))
rows.sort()
before = sorted(t for at, t in rows if at < killed)
after = [(at, t) for at, t in rows if at >= killed]
p99 = before[int(len(before) * 0.99)] if before else 0
slow = [at for at, t in after if t > max(3 * p99, p99 + 200)]
failed = int(last[head.index("FailedCall(C)")])
ok = int(last[head.index("SuccessfulCall(C)")])
print(f"calls: {ok} succeeded, {failed} failed (those up on the killed server, and any lost in the switch-over)")
print(f"setup before the kill: median {before[len(before) // 2]:.0f} ms, p99 {p99:.0f} ms ({len(before)} calls)")
if after:
    print(f"after the kill: slowest setup {max(t for _, t in after):.0f} ms; setups back to normal "
          f"{(max(slow) - killed) / 1000 if slow else 0:.1f} s after the kill ({len(after)} calls answered after it)")
PY
