#!/usr/bin/env bash
# The cost of sharing state: the server's CPU per call with its state in PostgreSQL (as every server
# of a cluster has it, docs/scale.md) against H2 in its data folder, in one run, same calls
# (releng/bench-calls-cpu.sh: a trunk calls a DID that rings a registered user).
#   releng/bench-store-cpu.sh [RATE] [SECONDS]     (default 400 calls per second for 15 s)
# PostgreSQL from SWITCHBOARD_TEST_PG_URL / SWITCHBOARD_TEST_PG_USER (default 127.0.0.1:5432/test,
# postgres), in a schema of its own, dropped at the end. Needs psql, sipp.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rate=${1:-400}; secs=${2:-15}
url=${SWITCHBOARD_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
user=${SWITCHBOARD_TEST_PG_USER:-postgres}
hostport=${url#jdbc:postgresql://}; hostport=${hostport%%/*}; db=${url##*/}; db=${db%%\?*}
schema=sb_bench_$$
psql -q -h "${hostport%%:*}" -p "${hostport##*:}" -U "$user" -d "$db" -c "CREATE SCHEMA $schema" || exit 2
trap 'psql -q -h "${hostport%%:*}" -p "${hostport##*:}" -U "$user" -d "$db" -c "DROP SCHEMA $schema CASCADE"' EXIT
echo "== H2 (one server alone)"
"$root/releng/bench-calls-cpu.sh" "$rate" "$secs" | tee /tmp/bench-store-h2.out
echo "== PostgreSQL (as each server of a cluster)"
# PostgreSQL's own CPU (its processes, and the backends that ended: the postmaster's children's time)
pg_ticks() { for p in $(pgrep -x postgres); do awk '{print $14+$15+$16+$17}' /proc/$p/stat 2>/dev/null; done | awk '{s+=$1} END {print s+0}'; }
pg0=$(pg_ticks)
STORE_CFG="url = $url?currentSchema=$schema
user = $user" "$root/releng/bench-calls-cpu.sh" "$rate" "$secs" | tee /tmp/bench-store-pg.out
pg1=$(pg_ticks)
calls=$((3000 + ${WARM:-24000} + ${ROUNDS:-2} * rate * secs))
python3 - $((pg1 - pg0)) $calls "$(getconf CLK_TCK)" <<'PY'
import re, sys
def us(path):
    return [int(m) for m in re.findall(r"server CPU (\d+) us per call", open(path).read())]
h2, pg = us("/tmp/bench-store-h2.out"), us("/tmp/bench-store-pg.out")
db = int(sys.argv[1]) * 1_000_000 / int(sys.argv[3]) / int(sys.argv[2])
print("switch CPU per call, us: H2 %s, on PostgreSQL %s; ratio %.2f (best runs)" % (h2, pg, min(pg) / min(h2)))
print("PostgreSQL's own CPU: %.0f us per call over the whole run (warm-up too); switch + database / H2 = %.2f"
      % (db, (min(pg) + db) / min(h2)))
PY
