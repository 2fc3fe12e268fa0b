#!/usr/bin/env bash
# Voicemail under load against the relay carrying the same calls, in one run (releng/VoicemailLoad.java):
# SLOTS calls at once (default 500), each slot placing ROUNDS calls (default 2) of 30 s of G.711 tone, from a
# carrier on 127.0.0.2. Relay run: the numbers' users have phones (the harness answers). Voicemail run: they
# have none, their mailboxes take the calls and mail each message to an SMTP server in the harness (GreenMail).
# Prints the server's CPU per stream-second (relay) and per message-second (voicemail), frames lost and the
# delay from hang-up to mail. Starts the server product like bench-sip.sh, with SWITCHBOARD_JAVA_OPTS
# (default -Xmx2g: every deposit in progress is held in memory until the caller hangs up).
#   releng/bench-voicemail.sh [SLOTS] [ROUNDS]
# JFR=/tmp/vm.jfr records the server (sip-server.sh); VOICEMAIL_ONLY=1 leaves the relay run out (for a profile).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
slots=${1:-500}; rounds=${2:-2}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
work="$root/target/bench-voicemail"
export SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xmx2g}"
. "$root/releng/sip-server.sh"
smtp=$(free_port)
sip_server_start "$work" voicemail "smtpHost = 127.0.0.1
smtpPort = $smtp
security = none
from = voicemail@bench.invalid"
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null' EXIT
base="http://127.0.0.1:$http/api/v1"
api -X PUT "$base/sip/trunks/carrier" -d '{"host":"127.0.0.2","port":5060,"addresses":["127.0.0.2"],"probe":false,"maxChannels":0}' >/dev/null \
  || { echo "trunk not made" >&2; exit 1; }
csv="$work/numbers.csv"; echo "number,destination,description,emergencyAddress,tags" > "$csv"
for n in $(seq 1 "$slots"); do
  api -X PUT "$base/sip/users/r$n" -d '{"password":"bench-password-1"}' >/dev/null
  api -X PUT "$base/sip/users/vm$n" -d '{"password":"bench-password-1"}' >/dev/null
  # the voicemail's API may come up a moment after SIP: a mailbox set before it would be lost
  for i in $(seq 1 60); do
    api -X PUT "$base/voicemail/mailboxes/vm$n" -d '{"enabled":true,"email":"vm@bench.invalid"}' >/dev/null && break
    [ "$i" = 60 ] && { echo "mailbox vm$n not set" >&2; exit 1; }; sleep 0.5
  done
  printf '+1555020%04d,r%d,,,\n+1555030%04d,vm%d,,,\n' $n $n $n $n >> "$csv"
done
curl -sf -u admin:$secret -H 'Content-Type: text/csv' -H 'X-Requested-By: bench' --data-binary @"$csv" "$base/sip/numbers/import" > "$work/import.json" \
  || { echo "numbers not imported" >&2; exit 1; }
cp=$repo/com/icegreen/greenmail/2.1.3/greenmail-2.1.3.jar:$repo/jakarta/mail/jakarta.mail-api/2.1.3/jakarta.mail-api-2.1.3.jar
cp=$cp:$repo/org/eclipse/angus/angus-mail/2.0.3/angus-mail-2.0.3.jar:$repo/jakarta/activation/jakarta.activation-api/2.1.3/jakarta.activation-api-2.1.3.jar
cp=$cp:$repo/org/eclipse/angus/angus-activation/2.0.2/angus-activation-2.0.2.jar:$repo/org/slf4j/slf4j-api/2.0.18/slf4j-api-2.0.18.jar
echo "server: $SWITCHBOARD_JAVA_OPTS, $slots calls at once, $rounds calls each"
profile_start
thread_ticks > "$work/threads0"
"$java_home/bin/java" -Xmx3g -cp "$cp" "$root/releng/VoicemailLoad.java" "$sbport" "$jpid" "$smtp" "$slots" "$rounds" \
  ${VOICEMAIL_ONLY:+voicemail-only}
thread_ticks > "$work/threads1"
profile_stop
echo "server CPU by thread over the whole run (relay and voicemail), per call:"
calls=$((slots * rounds * 2)); [ -n "${VOICEMAIL_ONLY:-}" ] && calls=$((slots * rounds))
thread_report "$work/threads0" "$work/threads1" $calls call
