#!/usr/bin/env bash
# Console benchmark: the console's start against a bare SWT window, then, against a real server
# holding N demo call records, the first page of a search as the console shows it against the same
# request sent raw, and the console's heap before and after a scroll from the first to the last
# page of a result of about a million records.
#   releng/bench-console.sh [RECORDS]        (default 10000000; START_RUNS=5)
# START_ONLY=1 stops after the starts; CONSOLE_JAVA_OPTS= adds JVM options to the console's starts.
# Keeps the server's data in target/bench-console/data and loads it again only when RECORDS
# changes (10 million take about 15 minutes and 14 GB). Prints the report and leaves it in
# target/bench-console/report.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
records="${1:-10000000}"
runs="${START_RUNS:-5}"
server="$root/product/io.switchboard.server.product/target/switchboard-server"
product="$root/product/io.switchboard.console.product/target/products/io.switchboard.console.product/linux/gtk/x86_64"
work="$root/target/bench-console"
password=bench-only-secret
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
# shellcheck source=product/io.switchboard.server.product/src/bin/find-java
. "$root/product/io.switchboard.server.product/src/bin/find-java"
switchboard_find_java || exit 2
java_home="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
if [ ! -x "$server/bin/switchboard-server" ] || [ ! -d "$product" ]; then
  "$root/switchboard" build -q
fi
mkdir -p "$work"
report="$work/report.txt"
: > "$report"
say() { echo "$*" | tee -a "$report"; }

# 1. Start: the console (a fresh OSGi cache with -clean, then a second start on the same one)
#    against a bare SWT window with a table, on the console's own SWT, alternating run by run.
swt_jar=$(ls "$product"/plugins/org.eclipse.swt.gtk.linux.x86_64_*.jar | head -1)
rm -rf "$work/swt" "$work/console" "$work/starts" && mkdir -p "$work/swt" "$work/starts"
"$java_home/bin/javac" -d "$work/swt" -cp "$swt_jar" "$root/releng/console-start/SwtWindow.java"
cp -r "$product" "$work/console"
launcher=$(ls "$work"/console/plugins/org.eclipse.equinox.launcher_*.jar | head -1)
for i in $(seq 1 "$runs"); do
  python3 "$root/releng/console-start/launch.py" "swt" "SWT window ready" -- \
    "$JAVA" -cp "$swt_jar:$work/swt" SwtWindow >> "$work/starts/runs.tsv"
  python3 "$root/releng/console-start/launch.py" "cold" "Console ready" -- \
    "$JAVA" -Xmx1g ${CONSOLE_JAVA_OPTS:-} -jar "$launcher" -clean -data "$work/starts/workspace-$i" >> "$work/starts/runs.tsv"
  python3 "$root/releng/console-start/launch.py" "warm" "Console ready" -- \
    "$JAVA" -Xmx1g ${CONSOLE_JAVA_OPTS:-} -jar "$launcher" -data "$work/starts/workspace-$i" >> "$work/starts/runs.tsv"
done
say "start until the window answers ($runs runs each, median [min-max]; CPU = user + system of the process)"
python3 - "$work/starts/runs.tsv" <<'PY' | tee -a "$report"
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]) if l.strip()]
names = {"swt": "bare SWT window (the peer)", "cold": "console, first start (-clean)", "warm": "console, next start"}
for kind in ("swt", "cold", "warm"):
    r = [[float(x) for x in row[1:]] for row in rows if row[0] == kind]
    wall, cpu, inner = ([v[i] for v in r] for i in range(3))
    print(f"  {names[kind]:32s} wall {statistics.median(wall):6.0f} ms [{min(wall):.0f}-{max(wall):.0f}]"
          f"  CPU {statistics.median(cpu):6.0f} ms  (own figure {statistics.median(inner):.0f} ms)")
PY
say ""
[ -n "${START_ONLY:-}" ] && exit 0

# 2. A server with the records, then the console half in the real console (ConsoleBenchmark).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sip=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
api="http://127.0.0.1:$port/api/v1"
start_server() {
  SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xmx2g}" SWITCHBOARD_ADMIN_PASSWORD=$password \
    "$server/bin/switchboard-server" --data "$work/data" --plugins "$work/plugins" --conf "$work/etc" \
    --http-port "$port" --sip-port "$sip" >> "$work/server.log" 2>&1 &
  pid=$!
  until curl -sf -u "admin:$password" "$api/health" > /dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server died, see $work/server.log" >&2; exit 1; }
    sleep 1
  done
}
count() { curl -sf -u "admin:$password" "$api/cdr/status" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
trap 'kill $pid 2>/dev/null || true' EXIT
start_server
if [ "$(count storedRecords)" != "$records" ]; then
  kill $pid; wait $pid || true
  rm -rf "$work/data" "$work/etc"
  start_server
  echo "loading $records demo records over 30 days (about 80 s a million)" >&2
  curl -sf -u "admin:$password" -H 'X-Requested-By: bench' -X POST --max-time 7200 "$api/cdr/demo?count=$records&days=30" > /dev/null
fi
until [ "$(count indexedRecords)" = "$records" ]; do sleep 2; done
JAVA_HOME="$java_home" "$root/mvnw" -B -q -o verify -pl features/io.switchboard.console.feature,tests/io.switchboard.console.ui.tests -am \
  -Dtest=ConsoleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  "-Dbench.args=-Dswitchboard.bench.url=http://127.0.0.1:$port -Dswitchboard.bench.password=$password -Dswitchboard.bench.report=$work/console-report.txt" \
  > "$work/console-run.log" 2>&1 || { tail -40 "$work/console-run.log" >&2; exit 1; }
tee -a "$report" < "$work/console-report.txt"
