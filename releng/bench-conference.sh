#!/usr/bin/env bash
# The conference bridge under load (releng/ConferenceLoad.java): PARTICIPANTS calls of CODEC (pcmu, g722 or opus;
# default pcmu; default 300 calls) from a carrier on 127.0.0.2 into rooms of ROOM_SIZE (default 10), each sending a
# tone every 20 ms, held for SECONDS (default 30) once all are in. Prints the server's CPU per participant-second
# (and the JIT's share) and the participants a core holds, against a bare loop doing the same decode-mix-encode work
# on arrays in the harness's JVM, with no network; and the time through the bridge, timed by two probes in a room of
# their own. Starts the server product like bench-sip.sh.
#   releng/bench-conference.sh [PARTICIPANTS] [SECONDS] [ROOM_SIZE] [CODEC]
# JFR=/tmp/conf.jfr records the server (sip-server.sh).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=${1:-300}; seconds=${2:-30}; size=${3:-10}; codec=${4:-pcmu}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
work="$root/target/bench-conference"
export SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xmx2g}"
. "$root/releng/sip-server.sh"
sip_server_start "$work" conference "maxParticipants = $size"
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null' EXIT
base="http://127.0.0.1:$http/api/v1"
api -X PUT "$base/sip/trunks/carrier" -d '{"host":"127.0.0.2","port":5060,"addresses":["127.0.0.2"],"probe":false,"maxChannels":0}' >/dev/null \
  || { echo "trunk not made" >&2; exit 1; }
rooms=$(( (n + size - 1) / size ))
csv="$work/numbers.csv"; echo "number,destination,description,emergencyAddress,tags" > "$csv"
for r in $(seq 1 "$rooms"); do
  # the conference's API may come up a moment after SIP: a room made before it would be lost
  for i in $(seq 1 60); do
    api -X PUT "$base/conference/rooms/8$(printf %03d $r)" -d '{"tones":false}' >/dev/null && break
    [ "$i" = 60 ] && { echo "room $r not made" >&2; exit 1; }; sleep 0.5
  done
  printf '+1555050%04d,8%03d,,,\n' $r $r >> "$csv"
done
api -X PUT "$base/conference/rooms/8999" -d '{"tones":false}' >/dev/null || { echo "probe room not made" >&2; exit 1; }
echo "+15550509999,8999,probes,," >> "$csv"
curl -sf -u admin:$secret -H 'Content-Type: text/csv' -H 'X-Requested-By: bench' --data-binary @"$csv" "$base/sip/numbers/import" > "$work/import.json" \
  || { echo "numbers not imported" >&2; exit 1; }
cp=$repo/com/icegreen/greenmail/2.1.3/greenmail-2.1.3.jar:$repo/jakarta/mail/jakarta.mail-api/2.1.3/jakarta.mail-api-2.1.3.jar
cp=$cp:$repo/io/github/jaredmdobson/concentus/1.0.2/concentus-1.0.2.jar:$(ls "$root"/bundles/io.switchboard.media.audio/target/io.switchboard.media.audio-*-SNAPSHOT.jar | grep -v sources)
echo "server: $SWITCHBOARD_JAVA_OPTS, $n $codec participants in rooms of $size for $seconds s"
profile_start
thread_ticks > "$work/threads0"
"$java_home/bin/java" -Xmx1g -cp "$cp" "$root/releng/ConferenceLoad.java" "$sbport" "$jpid" "$n" "$seconds" "$size" "$codec"
thread_ticks > "$work/threads1"
profile_stop
echo "server CPU by thread over the whole run, per participant:"
thread_report "$work/threads0" "$work/threads1" $n participant
if [ -n "${JFR:-}" ]; then
  echo "Allocation samples on the phone engine's threads (jdk.ObjectAllocationSample, whole run), by top frame:"
  "$java_home/bin/jfr" print --events jdk.ObjectAllocationSample "$JFR" | python3 -c '
import re, sys, collections
by, total, block = collections.Counter(), 0.0, []
def flush(b):
    global total
    text = "".join(b)
    if "switchboard-pho" not in text:
        return
    w = re.search(r"weight = ([0-9.]+) (bytes|kB|MB|GB)", text)
    if not w:
        return
    v = float(w.group(1)) * {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}[w.group(2)]
    top = re.search(r"stackTrace = \[\s*\n\s*(\S+)", text)
    by[top.group(1) if top else "?"] += v
    total += v
for line in sys.stdin:
    if line.startswith("jdk.ObjectAllocationSample"):
        flush(block); block = []
    block.append(line)
flush(block)
for frame, v in by.most_common(12):
    print("  %8.1f MB  %s" % (v / 1e6, frame))
print("  %8.1f MB sampled in all" % (total / 1e6))
'
fi
