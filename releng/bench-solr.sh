#!/usr/bin/env bash
# Call-record search on Solr Cloud against the embedded Lucene index, in one run on this machine:
# two servers (H2 each) store the same demo records, one indexing into Lucene, one into a SolrCloud
# collection (two Solr nodes, two shards, ZooKeeper: tests/io.switchboard.solr.cloud); then the same
# queries through each server's API.
#   releng/bench-solr.sh [RECORDS] [ROUNDS]      (default 1000000 records, 20 rounds of the queries)
# Prints ingest (records/s until all are searchable, CPU per record: server, and Solr's own) and
# search latency (p50, p99 of every query of the mix, the API's time included on both sides).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
records=${1:-1000000}; rounds=${2:-20}
server="$root/product/io.switchboard.server.product/target/switchboard-server"
cloud="$root/tests/io.switchboard.solr.cloud/target"
[ -x "$server/bin/switchboard-server" ] && [ -f "$cloud/classpath.txt" ] || "$root/mvnw" -B -q install -DskipTests
work="$root/target/bench-solr"
rm -rf "$work" && mkdir -p "$work/solr" "$work/lucene/etc" "$work/solrnode/etc"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null || true; done' EXIT

# shellcheck source=/dev/null
. "$server/bin/find-java"; switchboard_find_java
mkfifo "$work/solr/in"
"$JAVA" -Xmx2g -Dsolr.log.dir="$work/solr/logs" -cp "$cloud/classes:$(cat "$cloud/classpath.txt")" \
  io.switchboard.solr.cloud.Main "$work/solr/cluster" 2 \
  "$root/bundles/io.switchboard.cdr.search.solr/solr/conf" cdr 2 < "$work/solr/in" > "$work/solr/out" 2> "$work/solr/err" &
solr_pid=$!; pids+=($solr_pid)
exec 3> "$work/solr/in"  # held open: the cluster stops at the end of its input
until grep -q '^SOLR ' "$work/solr/out"; do kill -0 $solr_pid || { cat "$work/solr/err" >&2; exit 1; }; sleep 1; done
urls=$(grep '^SOLR ' "$work/solr/out" | cut -d' ' -f2)
echo "urls = $urls" > "$work/solrnode/etc/io.switchboard.cdr.search.solr.cfg"

start() {  # name: sets port and pid
  local dir="$work/$1"; port=$(free_port)
  SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xmx2g}" SWITCHBOARD_ADMIN_PASSWORD=bench-only-secret \
    "$server/bin/switchboard-server" --data "$dir/data" --conf "$dir/etc" --plugins "$dir/plugins" \
    --http-port "$port" --sip-port "$(free_port)" > "$dir/server.log" 2>&1 &
  pid=$!; pids+=($pid)
}
start lucene; lport=$port; lpid=$pid
start solrnode; sport=$port; spid=$pid
python3 - "$records" "$rounds" "$lport" "$lpid" "$sport" "$spid" "$solr_pid" <<'PY'
import base64, json, os, statistics, sys, time, urllib.parse, urllib.request
records, rounds = int(sys.argv[1]), int(sys.argv[2])
servers = {"Lucene": (int(sys.argv[3]), int(sys.argv[4])), "Solr": (int(sys.argv[5]), int(sys.argv[6]))}
solr_pid = int(sys.argv[7])
auth = "Basic " + base64.b64encode(b"admin:bench-only-secret").decode()
tick = os.sysconf("SC_CLK_TCK")

def cpu(pid):  # seconds of CPU of a process and its threads
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick

def call(port, path, method="GET", timeout=3600):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1{path}", method=method,
                                 headers={"Authorization": auth, "X-Requested-By": "bench"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())

for name, (port, pid) in servers.items():
    for _ in range(600):
        try:
            call(port, "/cdr/status"); break
        except Exception:
            time.sleep(0.5)

print(f"{records} demo records over 30 days into each index")
for name, (port, pid) in servers.items():
    c0, s0, t0 = cpu(pid), cpu(solr_pid), time.time()
    call(port, f"/cdr/demo?count={records}&days=30", "POST")
    while call(port, "/cdr/status")["indexedRecords"] < records:
        time.sleep(0.2)
    t, c, s = time.time() - t0, cpu(pid) - c0, cpu(solr_pid) - s0
    own = f", Solr's own {s * 1e6 / records:.0f}" if name == "Solr" else ""
    print(f"  {name:6} ingest: {records / t:8.0f} records/s until searchable; CPU per record, us: "
          f"server {c * 1e6 / records:.0f}{own}")

day = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 5 * 86400))
mix = ["*", "disposition:failed", "callee:+44*", "callee:*4567", "trunk:carrier-a AND disposition:answered",
       "NOT disposition:answered", "duration:[60 TO 300]", "mos:[* TO 3.5]", "hour:[22 TO 2]",
       f"start:[{day} TO {day}]", "sipCode:503 OR sipCode:486", "reason:busy"]
facets = "&facet=trunk&facet=disposition&facet=hour"
print(f"search: {len(mix)} queries x {rounds} rounds, 50 records and 3 facets each, through the API")
for name, (port, pid) in servers.items():
    for q in mix:  # warm both alike
        call(port, "/cdr/records?limit=50" + facets + "&q=" + urllib.parse.quote(q))
    times = []
    c0, s0 = cpu(pid), cpu(solr_pid)
    for _ in range(rounds):
        for q in mix:
            t0 = time.perf_counter()
            call(port, "/cdr/records?limit=50" + facets + "&q=" + urllib.parse.quote(q))
            times.append((time.perf_counter() - t0) * 1000)
    c, s = cpu(pid) - c0, cpu(solr_pid) - s0
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    own = f" + Solr {s * 1000 / len(times):.1f}" if name == "Solr" else ""
    print(f"  {name:6} p50 {statistics.median(times):7.1f} ms, p99 {p99:7.1f} ms; CPU per search, ms: "
          f"server {c * 1000 / len(times):.1f}{own}")
PY
