#!/usr/bin/env bash
# How much of Switchboard's CPU per call (or per text message) is jain-sip's own: the same SIPp
# traffic at one fixed rate, in one run, through
#   - Switchboard (B2BUA: trunk -> DID -> registered user, relay, record, ladders, as shipped),
#   - the floor: jain-sip-ri alone with Switchboard's stack settings, the least a B2BUA does
#     (releng/sip-floor/JainSipFloor.java: new call leg, answers passed back, ACK and BYE carried
#     over; for MESSAGE a stateful relay), nothing of Switchboard's own,
#   - Kamailio 5.6 as a tm proxy (releng/sip-floor/kamailio.cfg.in; SIPp's caller sends its ACK and
#     BYE to the proxy, so Kamailio too relays every message of a call), and, for calls, when
#     rtpengine is installed (Debian package rtpengine-daemon):
#   - Kamailio with rtpengine for the media and an accounting line per transaction in its log
#     (releng/sip-floor/kamailio-full.cfg.in; the CPU of Kamailio's and rtpengine's processes).
#   releng/bench-sip-floor.sh [calls|messages] [RATE] [SECONDS]     (default calls 400 20)
# Each side is warmed up (WARM units at 300/s, default 24,000), then the sides take turns, ROUNDS times
# (default 2). CPU is utime+stime from /proc (a JVM's process, all of Kamailio's processes).
# Needs sipp and kamailio; the server product (./switchboard build).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=${1:-calls}; rate=${2:-400}; secs=${3:-20}; rounds=${ROUNDS:-2}; warm=${WARM:-24000}
case "$mode" in calls) unit=call ;; messages) unit=message ;; *) echo "calls or messages" >&2; exit 2 ;; esac
work="$root/target/bench-sip-floor"
command -v kamailio >/dev/null || { echo "kamailio missing: apt-get install kamailio" >&2; exit 2; }
. "$root/releng/sip-server.sh"
sip_server_start "$work"
uac=$(free_port); uas=$(free_port); fport=$(free_port); kport=$(free_port)
uaspid=; fpid=; kpid=; xpid=; rpid=
trap 'kill $spid $uaspid $fpid $kpid $xpid $rpid 2>/dev/null; wait $spid 2>/dev/null' EXIT
sip_calls_provision "$work"

# the floor, compiled against the jain-sip-ri the product ships
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
cp="$repo/javax/sip/jain-sip-ri/1.3.0-91/jain-sip-ri-1.3.0-91.jar:$repo/org/slf4j/log4j-over-slf4j/2.0.17/log4j-over-slf4j-2.0.17.jar:$repo/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"
mkdir -p "$work/floor"
"$java_home/bin/javac" -d "$work/floor" -cp "$cp" "$root/releng/sip-floor/JainSipFloor.java" || exit 2
"$java_home/bin/java" ${FLOOR_JAVA_OPTS:--Xmx1g} -cp "$work/floor:$cp" JainSipFloor $fport $uas > "$work/floor/out" 2>&1 &
fpid=$!
kamailio_start "$work/kamailio" "$root/releng/sip-floor/kamailio.cfg.in" "s/@PORT@/$kport/; s/@UAS@/$uas/"
kpid=$kamailio_pid
full=
if [ $mode = calls ] && command -v rtpengine >/dev/null; then
  xport=$(free_port); ng=$(free_port)
  rtpengine --config-file=none --table=-1 --interface=127.0.0.1 --listen-ng=127.0.0.1:$ng --port-min=20000 \
    --port-max=29999 --num-threads=2 --timeout=600 --delete-delay=0 --foreground --log-stderr --log-level=4 \
    > "$work/kamailio/rtpengine.out" 2>&1 &
  rpid=$!
  kamailio_start "$work/kamailio-full" "$root/releng/sip-floor/kamailio-full.cfg.in" "s/@PORT@/$xport/; s/@UAS@/$uas/; s/@NG@/$ng/"
  xpid=$kamailio_pid
  full="Kamailio+rtpengine|$xport|$xpid $rpid"
fi
if [ $mode = calls ]; then
  sipp 127.0.0.1:$uas -sn uas -i 127.0.0.1 -p $uas -nostdin -buff_size 4194304 > "$work/sipp/uas.out" 2>&1 &
else
  cp "$root/tests/io.switchboard.server.it/src/test/resources/sipp-message-receive.xml" "$root/releng/messages/sipp-message-send.xml" "$work/sipp/"
  sipp 127.0.0.1:$sbport -sf "$work/sipp/sipp-message-receive.xml" -i 127.0.0.1 -p $uas -nostdin -buff_size 4194304 > "$work/sipp/uas.out" 2>&1 &
fi
uaspid=$!
sleep 2
send() { # port rate count csv
  local what=(-sn uac -d 0); [ $mode = messages ] && what=(-sf "$work/sipp/sipp-message-send.xml")
  sipp 127.0.0.1:$1 "${what[@]}" -s +15550100000 -i 127.0.0.1 -p $uac -r $2 -m $3 -nostdin \
    -default_behaviors all,-abortunexp -recv_timeout 15000 -buff_size 4194304 -timeout $(($3 / $2 + 60))s \
    -trace_stat -stf $4 > "$work/sipp/uac.out" 2>&1
}
ticks() { # every process of one side: a JVM, or Kamailio's main process and its children (and rtpengine)
  local t=0 p
  for p in $@ $(for q in $@; do pgrep -P $q; done); do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0))); done
  echo $t
}
sides=("Switchboard|$sbport|$jpid" "floor|$fport|$fpid" "Kamailio|$kport|$kpid")
[ -n "$full" ] && sides+=("$full")
for side in "${sides[@]}"; do
  IFS='|' read name port pid <<< "$side"
  send $port 100 3000 "$work/sipp/warm-1-$name.csv"
  send $port 300 "$warm" "$work/sipp/warm-$name.csv"
done
sleep 2
n=$((rate * secs))
for round in $(seq 1 "$rounds"); do
  for side in "${sides[@]}"; do
    IFS='|' read name port pid <<< "$side"
    c0=$(ticks $pid); t0=$(date +%s.%N)
    send $port $rate $n "$work/sipp/$name-$round.csv"
    c1=$(ticks $pid); t1=$(date +%s.%N)
    python3 - "$name" "$work/sipp/$name-$round.csv" $((c1 - c0)) $n $t0 $t1 "$(getconf CLK_TCK)" "$unit" <<'PY'
import csv, sys
name, path, ticks, n, t0, t1, hz, unit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
rows = list(csv.reader(open(path), delimiter=';'))
h, last = rows[0], rows[-1]
us = ticks * 1_000_000 / hz / n
print("%-18s %d: %s ok, %s failed, %s retransmissions; %5.0f us CPU per %s, %3.0f %% of a core"
      % (name, n, last[h.index("SuccessfulCall(C)")], last[h.index("FailedCall(C)")], last[h.index("Retransmissions(C)")],
         us, unit, ticks * 100 / hz / (t1 - t0)))
open(path + ".us", "w").write(str(us))
PY
  done
  python3 - "$work/sipp" $round <<'PY'
import os, sys
d, r = sys.argv[1], sys.argv[2]
us = {s: float(open("%s/%s-%s.csv.us" % (d, s, r)).read()) for s in ("Switchboard", "floor", "Kamailio")}
print("  round %s: Switchboard / Kamailio %.1fx, floor / Kamailio %.1fx, Switchboard / floor %.1fx" % (r,
      us["Switchboard"] / us["Kamailio"], us["floor"] / us["Kamailio"], us["Switchboard"] / us["floor"]))
full = "%s/Kamailio+rtpengine-%s.csv.us" % (d, r)
if os.path.exists(full):
    k = float(open(full).read())
    print("  round %s: Switchboard / (Kamailio with rtpengine and accounting) %.1fx, floor / it %.1fx" % (r,
          us["Switchboard"] / k, us["floor"] / k))
PY
done
