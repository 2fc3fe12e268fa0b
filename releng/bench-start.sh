#!/usr/bin/env bash
# A server's start and stop, and where the time goes: ROUNDS (default 3) starts on an empty data folder,
# then ROUNDS on the same, now up-to-date one, each stopped with SIGTERM as a service manager does.
#   releng/bench-start.sh [OTHER_CHECKOUT]
# With another checkout (its server product built), each round runs its build right after this one's,
# so that both meet the same minutes of the machine. Per start it prints: from the process's spawn to
# "started" (wall), the launcher's own "started in" figure, the parts (to the store ready, the schema
# checks, the rest), the CPU seconds the process used until started, and the stop (SIGTERM to exit).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=${ROUNDS:-3}
trees=("$root")
[ $# -ge 1 ] && trees+=("$(cd "$1" && pwd)")
for tree in "${trees[@]}"; do
  [ -x "$tree/product/io.switchboard.server.product/target/switchboard-server/bin/switchboard-server" ] || {
    echo "no server product in $tree: build it there first (./switchboard build)" >&2; exit 2; }
done
out="$root/target/bench-start"; rm -rf "$out"; mkdir -p "$out"
hz=$(getconf CLK_TCK)

# one start and stop of the server of $1 on the data of $2; prints its figures
run() {
  local tree=$1 base=$2 log=$3
  mkdir -p "$base/data" "$base/plugins" "$base/etc"
  local t0 t1 t2 pid cpu
  t0=$(date +%s%N)
  SWITCHBOARD_ADMIN_PASSWORD=bench-start-secret \
    "$tree/product/io.switchboard.server.product/target/switchboard-server/bin/switchboard-server" \
    --data "$base/data" --plugins "$base/plugins" --conf "$base/etc" --http-port 28580 --sip-port 28560 \
    > "$log" 2>&1 &
  pid=$!
  until grep -q "Switchboard started in" "$log"; do
    kill -0 "$pid" 2>/dev/null || { echo "server of $tree ended before it started: $log" >&2; return 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  cpu=$(awk -v hz="$hz" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
  kill -TERM "$pid"; wait "$pid"
  t2=$(date +%s%N)
  python3 - "$log" $(( (t1 - t0) / 1000000 )) $(( (t2 - t1) / 1000000 )) "$cpu" <<'PY'
import re, sys
from datetime import datetime
log, wall, stop, cpu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
text = open(log).read()
def at(pattern, last=False):
    found = re.findall(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) .*" + pattern, text, re.M)
    return datetime.strptime(found[-1 if last else 0], "%Y-%m-%d %H:%M:%S.%f") if found else None
started, store = at("Switchboard started in"), at(r"\[JdbcStore\] Store ready")
schema = at(r"\[(?:JdbcStore|StartingSchemas)\] Schemas? of", last=True)
said = int(re.search(r"Switchboard started in (\d+) ms", text).group(1))
begun = started.timestamp() * 1000 - said
ms = lambda t: int(t.timestamp() * 1000 - begun) if t else -1
print("wall %5d ms  started in %5d ms  store ready %5d  schema done %5d  cpu %5s s  stop %5d ms"
      % (wall, said, ms(store), ms(schema), cpu, stop))
PY
}

for round in $(seq 1 "$rounds"); do
  for tree in "${trees[@]}"; do
    name=$([ "$tree" = "$root" ] && echo this || echo other)
    echo "round $round $name empty:      $(run "$tree" "$out/$name-$round" "$out/$name-$round-empty.log")"
  done
done
for round in $(seq 1 "$rounds"); do
  for tree in "${trees[@]}"; do
    name=$([ "$tree" = "$root" ] && echo this || echo other)
    echo "round $round $name up-to-date: $(run "$tree" "$out/$name-1" "$out/$name-1-again-$round.log")"
  done
done
