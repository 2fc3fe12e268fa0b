#!/usr/bin/env bash
# H2 page cache size and id column type against insert speed, rows shaped like sb_cdr
# (see h2-cache/H2CacheBench.java).
#   releng/bench-h2-cache.sh [ROWS_PER_ROUND] [CACHE_KB:VARCHAR|CACHE_KB:UUID ...]
#   (default: 300000, 131072:VARCHAR 16384:VARCHAR 16384:UUID, each twice)
# Uses the H2 jar of the build (Maven's local repository) and prints rows/s per round and the
# young-generation pause time of each cache size, from the GC log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../product/io.switchboard.server.product/src/bin/find-java
. "$root/product/io.switchboard.server.product/src/bin/find-java"
switchboard_find_java || exit 2
rows="${1:-300000}"
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then sizes=("$@"); else
  sizes=(131072:VARCHAR 16384:VARCHAR 16384:UUID 131072:VARCHAR 16384:VARCHAR 16384:UUID); fi
h2=$(ls ~/.m2/repository/com/h2database/h2/2.*/h2-2.*.jar 2>/dev/null | grep -v sources | sort | tail -1)
[ -n "$h2" ] || { echo "no H2 jar in ~/.m2: build first (./switchboard build)" >&2; exit 2; }
work="$root/target/bench-h2-cache"
for variant in "${sizes[@]}"; do
  rm -rf "$work" && mkdir -p "$work"
  "$JAVA" -Xmx4g -Xlog:gc:file="$work/gc.log" -cp "$h2" "$root/releng/h2-cache/H2CacheBench.java" "$rows" "$work" "$variant"
  awk '/Pause Young/ {gsub("ms","",$NF); s+=$NF; n++} END {printf "%s  young pauses: %d, %.0f ms in all\n", "'"$variant"'", n, s}' "$work/gc.log"
done
rm -rf "$work"
