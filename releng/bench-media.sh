#!/usr/bin/env bash
# Media relay: Switchboard's RTP relay against rtpengine (Debian package rtpengine, userspace
# forwarding: no kernel module), in one run, at steps of concurrent G.711 calls (50 packets/s each
# way); phone to phone without a relay as the latency baseline. Both relays get 2 threads.
#   releng/bench-media.sh [CALLS_STEPS] [SECONDS]    (default 100,200,400,800,1200,1600 calls, 10 s a step)
# JFR=/tmp/media.jfr records the harness JVM (with the Switchboard relay in it) and prints the
# allocations sampled on the relay threads.
# Uses the classes of bundles/io.switchboard.media.rtp, .media.api and .media.audio (built by ./switchboard build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
steps=${1:-100,200,400,800,1200,1600}; secs=${2:-10}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
rtp="$root/bundles/io.switchboard.media.rtp/target/classes"
api="$root/bundles/io.switchboard.media.api/target/classes:$root/bundles/io.switchboard.media.audio/target/classes"
[ -f "$rtp/io/switchboard/media/rtp/internal/RtpRelay.class" ] || "$root/switchboard" build -q
osgi="$repo/org/osgi/org.osgi.service.event/1.4.1/org.osgi.service.event-1.4.1.jar:$repo/org/osgi/org.osgi.framework/1.8.0/org.osgi.framework-1.8.0.jar"
annotations="$repo/org/osgi/org.osgi.service.component.annotations/1.5.1/org.osgi.service.component.annotations-1.5.1.jar"
out="$root/target/bench-media"
rm -rf "$out" && mkdir -p "$out"
command -v rtpengine >/dev/null || { echo "needs the Debian package rtpengine" >&2; exit 2; }
ng=$((22000 + RANDOM % 1000))
rtpengine --config-file=none --table=-1 --interface=127.0.0.1 --listen-ng=127.0.0.1:$ng --port-min=20000 --delete-delay=0 \
  --port-max=39999 --num-threads=2 --timeout=600 --foreground --log-stderr --log-level=4 > "$out/rtpengine.log" 2>&1 &
rpid=$!
trap 'kill $rpid 2>/dev/null; wait $rpid 2>/dev/null' EXIT
sleep 1
"$java_home/bin/javac" -d "$out" -cp "$rtp:$api:$osgi:$annotations" "$root/releng/media-relay/MediaRelayBench.java"
jfr=()
[ -n "${JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$JFR,settings=profile")
# as the server's launcher starts it: the Integer cache covers the selector's boxed descriptors
"$java_home/bin/java" -Xmx1g -XX:AutoBoxCacheMax=65536 "${jfr[@]}" -cp "$out:$rtp:$api:$osgi" \
  io.switchboard.media.rtp.internal.MediaRelayBench $ng $rpid "$steps" "$secs"
if [ -n "${JFR:-}" ]; then
  echo "Allocation samples on the relay threads (jdk.ObjectAllocationSample), by top frame:"
  samples=$("$java_home/bin/jfr" print --events jdk.ObjectAllocationSample "$JFR" \
    | awk '/eventThread = "switchboard-media-/ {t=1} t && /line:/ {print; t=0}' | sort | uniq -c | sort -rn | head -15)
  echo "${samples:-  none: no allocation was sampled on them}"
fi
