#!/usr/bin/env bash
# CDR benchmark: raw Lucene and raw JDBC baselines, then the same records through Switchboard's CDR
# service, then query latency on both, in one run of a real server.
#   releng/bench-cdr.sh [RECORDS]        (default 1000000)
# Prints the report and leaves it in target/bench-cdr/data/bench/cdr-report.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
records="${1:-1000000}"
server="$root/product/io.switchboard.server.product/target/switchboard-server"
bench_jar=$(ls "$root"/releng/io.switchboard.bench.cdr/target/io.switchboard.bench.cdr-*.jar 2>/dev/null | grep -v sources | head -1 || true)
if [ ! -x "$server/bin/switchboard-server" ] || [ -z "$bench_jar" ]; then
  "$root/switchboard" build -q
  bench_jar=$(ls "$root"/releng/io.switchboard.bench.cdr/target/io.switchboard.bench.cdr-*.jar | grep -v sources | head -1)
fi
work="$root/target/bench-cdr"
rm -rf "$work" && mkdir -p "$work/plugins"
cp "$bench_jar" "$work/plugins/"
echo "records = $records" > "$work/plugins/io.switchboard.bench.cdr.cfg"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xmx4g}" SWITCHBOARD_ADMIN_PASSWORD=bench-only-secret \
  "$server/bin/switchboard-server" --data "$work/data" --plugins "$work/plugins" --conf "$work/etc" \
  --http-port "$port" > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
while [ ! -f "$work/data/bench/cdr-report.txt" ]; do
  if ! kill -0 $pid 2>/dev/null; then echo "server died, see $work/server.log" >&2; exit 1; fi
  if grep -q "CDR benchmark failed" "$work/server.log"; then grep -A5 "CDR benchmark failed" "$work/server.log" >&2; exit 1; fi
  sleep 5
done
cat "$work/data/bench/cdr-report.txt"
kill $pid; wait $pid || true
