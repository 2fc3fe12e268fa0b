#!/usr/bin/env bash
# The phone engine against baresip (Debian package baresip-core), in one run through one real switch:
#  1. mouth-to-ear delay: engine -> switch -> engine, one way, from the signal's own timestamps (PCMU, Opus);
#     the round trip to a phone that sends back what it hears: an engine, and baresip (aubridge);
#  2. a stream with 40 ms of induced jitter (SIPp plays a pcap whose packets are each late by 0-40 ms,
#     no netem here) to the engine and to baresip: what the engine conceals, and the gaps in what each
#     played; the same stream without jitter first;
#  3. CPU per active call (both ends) for PCMU and Opus: CALLS calls between two engine phones in one
#     JVM, and between two baresip processes;
#  4. the Opus library alone (Concentus): its encoder's and decoder's CPU at 48 and 16 kHz.
#  5. mouth-to-ear through a conference room, engine to engine (PCMU, G.722, Opus).
#   releng/bench-phone.sh [CALLS [SECONDS]]     (default 20 calls, 20 s a measurement)
# PARTS="2 3" runs only those parts.
# Uses the classes of bundles/io.switchboard.phone.core and the server product (./switchboard build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
calls=${1:-20}; secs=${2:-20}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
command -v baresip >/dev/null || { echo "needs the Debian package baresip-core" >&2; exit 2; }
source "$root/releng/sip-server.sh"
work="$root/target/bench-phone"
SIP_CFG="${SIP_CFG:-}" sip_server_start "$work"
trap 'kill $spid 2>/dev/null || true; pkill -f "baresip -f $work" || true; pkill -f "sipp.*$work" || true' EXIT
base="http://127.0.0.1:$http/api/v1"
for u in bench-a bench-b bench-m bench-echo bare-a bare-b bare-echo; do
  api -X PUT "$base/sip/users/$u" -d "{\"password\":\"bench-pw-$u\"}" > /dev/null
done

b="$root/bundles"
cp="$b/io.switchboard.phone.core/target/classes:$b/io.switchboard.phone.api/target/classes"
cp="$cp:$b/io.switchboard.media.api/target/classes:$b/io.switchboard.media.audio/target/classes"
cp="$cp:$repo/javax/sip/jain-sip-ri/1.3.0-91/jain-sip-ri-1.3.0-91.jar"
cp="$cp:$repo/io/github/jaredmdobson/concentus/1.0.2/concentus-1.0.2.jar"
cp="$cp:$repo/org/slf4j/log4j-over-slf4j/2.0.17/log4j-over-slf4j-2.0.17.jar:$repo/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"
mkdir -p "$work/classes"
"$java_home/bin/javac" -nowarn -d "$work/classes" -cp "$cp" "$root/releng/phone/PhoneBench.java" \
  "$root/releng/phone/OpusCost.java" 2> /dev/null
bench() { "$java_home/bin/java" -Xmx512m -cp "$work/classes:$cp" io.switchboard.phone.core.internal.PhoneBench "$@"; }

# baresip_start NAME USER SOURCE PLAYER [CONFIG LINES...]: a baresip on free ports that answers by
# itself (account_extra=";audio_codecs=..." adds to its account line)
baresip_start() {
  local name=$1 user=$2 source=$3 player=$4 dir="$work/$1"; shift 4
  mkdir -p "$dir/rec"
  local sip; sip=$(free_port); eval "ctl_$name=\$(free_port)"; local ctl; eval "ctl=\$ctl_$name"
  printf '%s\n' "poll_method epoll" "sip_listen 127.0.0.1:$sip" "audio_player $player" "audio_alert aubridge,nil" \
    "audio_source $source" "module_path /usr/lib/baresip/modules" "module g711.so" "module opus.so" \
    "module aufile.so" "module aubridge.so" "module_app account.so" "module_app menu.so" "module_app ctrl_tcp.so" \
    "ctrl_tcp_listen 127.0.0.1:$ctl" "snd_path $dir/rec" "rtp_ports 41000-41999" "call_max_calls 200" \
    "opus_stereo no" "opus_sprop_stereo no" "$@" > "$dir/config"
  echo "<sip:$user@127.0.0.1:$sbport>;auth_pass=bench-pw-$user;regint=600;answermode=auto${account_extra:-}" > "$dir/accounts"
  baresip -f "$dir" > "$dir/baresip.out" 2>&1 &
  eval "pid_$name=\$!"
  for i in $(seq 1 100); do
    api "$base/sip/registrations?user=$user" | grep -q contact && return 0; sleep 0.2
  done
  echo "baresip $name did not register, see $dir/baresip.out" >&2; exit 1
}
# bcmd NAME COMMAND PARAMS: a command of baresip's menu over ctrl_tcp (netstring-framed JSON)
bcmd() {
  local port; eval "port=\$ctl_$1"
  python3 - "$port" "$2" "$3" <<'PY'
import json, socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
m = json.dumps({"command": sys.argv[2], "params": sys.argv[3], "token": "b"}).encode()
s.sendall(str(len(m)).encode() + b":" + m + b",")
s.settimeout(5)
buf = b""
while b'"response":true' not in buf:
    chunk = s.recv(65536)
    if not chunk:
        break
    buf += chunk
PY
}
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
hz=$(getconf CLK_TCK)
tone() { # FILE HZ RATE CHANNELS
  python3 - "$@" <<'PY'
import math, struct, sys, wave
f, hz, rate, ch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
w = wave.open(f, "wb"); w.setnchannels(ch); w.setsampwidth(2); w.setframerate(rate)
w.writeframes(b"".join(struct.pack("<h", int(10000 * math.sin(2 * math.pi * hz * i / rate))) * ch for i in range(rate * 60)))
PY
}
tone "$work/tone-8k.wav" 1004 8000 1
tone "$work/tone-48k.wav" 1004 48000 1

part() { [[ " ${PARTS:-1 2 3 4 5} " == *" $1 "* ]]; }

if part 1; then
echo "== 1. Mouth-to-ear delay (no jitter) =="
bench delay "$sbport" "$secs" PCMU
bench delay "$sbport" "$secs" opus
bench echo "$sbport" "$secs" engine
baresip_start echo bare-echo aubridge,echo aubridge,echo
bench echo "$sbport" "$secs" bare-echo
kill "$pid_echo"; wait "$pid_echo" 2>/dev/null || true
fi

if part 2; then
echo "== 2. A stream with induced jitter, played by the engine and by baresip =="
carrier=$(free_port)
api -X PUT "$base/sip/trunks/jitter-carrier" -d "{\"host\":\"127.0.0.1\",\"port\":$carrier,\"addresses\":[\"127.0.0.1:$carrier\"],\"probe\":false}" > /dev/null
api -X PUT "$base/sip/routes/jitter-carrier" -d '{"priority":10,"pattern":"0555.","trunks":["jitter-carrier"]}' > /dev/null
baresip_start bare bare-a "aufile,$work/tone-8k.wav" aubridge,nil "module sndfile.so"
for jitter in 0 40; do
  python3 "$root/releng/phone/rtp-pcap.py" "$work/jitter-$jitter.pcap" $((secs + 5)) $jitter
  sed "s#PCAP_FILE#$work/jitter-$jitter.pcap#" "$root/releng/phone/sipp-carrier-jitter.xml" > "$work/sipp/jitter-$jitter.xml"
  for who in engine baresip; do
    sipp -sf "$work/sipp/jitter-$jitter.xml" -i 127.0.0.1 -p $carrier -mp $(free_port) -m 1 -nostdin -bg \
      -trace_err -error_file "$work/sipp/jitter-$jitter-$who.err" > /dev/null 2>&1 || true # -bg: 99
    echo "-- $jitter ms of jitter, $who:"
    if [ $who = engine ]; then
      bench jitter "$sbport" "$secs" 05550001 "$work/engine-jitter-$jitter.wav"
    else
      rm -f "$work/bare/rec/"*
      bcmd bare dial "sip:05550001@127.0.0.1:$sbport"
      sleep "$secs"; bcmd bare hangup ""; sleep 1
      wav=$(ls "$work/bare/rec/"*-dec.wav | head -1)
      echo "baresip recording: $(bench gaps "$wav")"
    fi
    pkill -f "sipp.*jitter-$jitter.xml" 2>/dev/null || true
    sleep 1
  done
done
kill "$pid_bare"; wait "$pid_bare" 2>/dev/null || true
fi

if part 3; then
echo "== 3. CPU per active call, both ends ($calls calls, $secs s) =="
bench load "$sbport" "$calls" "$secs" PCMU
bench load "$sbport" "$calls" "$secs" opus
for codec in PCMU opus; do
  if [ $codec = PCMU ]; then wav="$work/tone-8k.wav"; pick="pcmu/8000/1"; else wav="$work/tone-48k.wav"; pick="opus/48000/1"; fi
  account_extra=";audio_codecs=$pick" baresip_start la bare-a "aufile,$wav" aubridge,nil
  account_extra=";audio_codecs=$pick" baresip_start lb bare-b "aufile,$wav" aubridge,nil
  for i in $(seq 1 "$calls"); do bcmd la dial "sip:bare-b@127.0.0.1:$sbport"; sleep 0.1; done
  sleep 5
  talking=$(grep -c "Call established" "$work/la/baresip.out" || true)
  before=$(( $(ticks $pid_la) + $(ticks $pid_lb) )); t0=$(date +%s.%N)
  sleep "$secs"
  after=$(( $(ticks $pid_la) + $(ticks $pid_lb) )); t1=$(date +%s.%N)
  python3 -c "import sys; cpu=($after-$before)/$hz; wall=$t1-$t0; n=$talking
print('baresip %s: %d calls, CPU %.2f %% of a core per call (both ends), %.1f ms CPU per call-second' % ('$codec', n, 100*cpu/wall/n, 1000*cpu/wall/n))"
  kill "$pid_la" "$pid_lb"; wait "$pid_la" "$pid_lb" 2>/dev/null || true
done
fi
if part 4; then
echo "== 4. The Opus library alone (Concentus 1.0.2, one thread, 60 s of audio each) =="
bench opus 60
fi
if part 5; then
echo "== 5. Mouth-to-ear through a conference room (engine -> bridge -> engine) =="
for i in $(seq 1 60); do
  api -X PUT "$base/conference/rooms/8100" -d '{"tones":false}' > /dev/null && break; sleep 0.5
done
for codec in PCMU G722 opus; do
  bench bridge "$sbport" "$secs" 8100 $codec
done
fi
