#!/usr/bin/env bash
# KPI benchmark: CDR ingest with the KPI rollups off and on, a rebuild of the rollups, then a month of
# hourly KPIs per trunk through Switchboard against a GROUP BY on H2 and on PostgreSQL, in one run
# of a real server (H2 store; PostgreSQL on 127.0.0.1:5432, database test, for its GROUP BY).
#   releng/bench-kpi.sh [RECORDS [DAYS]]     (default 10000000 records over 30 days)
# Prints the report and leaves it in target/bench-kpi/on/data/bench/kpi-report.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
records="${1:-10000000}"
days="${2:-30}"
server="$root/product/io.switchboard.server.product/target/switchboard-server"
bench_jar=$(ls "$root"/releng/io.switchboard.bench.kpi/target/io.switchboard.bench.kpi-*.jar 2>/dev/null | grep -v sources | head -1 || true)
if [ ! -x "$server/bin/switchboard-server" ] || [ -z "$bench_jar" ]; then
  "$root/switchboard" build -q
  bench_jar=$(ls "$root"/releng/io.switchboard.bench.kpi/target/io.switchboard.bench.kpi-*.jar | grep -v sources | head -1)
fi
work="$root/target/bench-kpi"
rm -rf "$work"
password=bench-only-secret

# run NAME ROLLUPS: a server on a store of its own, the harness dropped in once it is healthy
run() {
  local dir="$work/$1" port
  mkdir -p "$dir/plugins"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  printf 'records = %s\ndays = %s\nhttpPort = %s\napiPassword = %s\nrollups = %s\nbaseline = %s\n' "$records" "$days" "$port" \
    "$password" "$2" "$work/off/data/bench/ingest-off.txt" > "$dir/plugins/io.switchboard.bench.kpi.cfg"
  SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xmx4g}" SWITCHBOARD_ADMIN_PASSWORD=$password \
    "$server/bin/switchboard-server" --data "$dir/data" --plugins "$dir/plugins" --conf "$dir/etc" \
    --http-port "$port" > "$dir/server.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  until curl -sf "http://127.0.0.1:$port/api/v1/health" > /dev/null; do
    if ! kill -0 $pid 2>/dev/null; then echo "server died, see $dir/server.log" >&2; exit 1; fi
    sleep 1
  done
  cp "$bench_jar" "$dir/plugins/"
  while [ ! -f "$dir/data/bench/kpi-report.txt" ]; do
    if ! kill -0 $pid 2>/dev/null; then echo "server died, see $dir/server.log" >&2; exit 1; fi
    if grep -q "KPI benchmark failed" "$dir/server.log"; then grep -A5 "KPI benchmark failed" "$dir/server.log" >&2; exit 1; fi
    sleep 5
  done
  kill $pid; wait $pid || true
}

run off false
run on true
cat "$work/on/data/bench/kpi-report.txt"
