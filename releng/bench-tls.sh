#!/usr/bin/env bash
# REGISTER and calls over TLS against UDP on one server in one run: the server's CPU microseconds per
# registration (401, REGISTER with digest, 200) and per call (INVITE, 407, INVITE with digest, the
# callee's 200, ACK, BYE, 200: both legs through the B2BUA), and their rates, each phone keeping its
# one TLS connection (or UDP socket) as phones do. SIPp here is built without TLS, so the phones are
# releng/SipRegisterLoad.java and releng/SipCallLoad.java, the same code for both transports.
#   releng/bench-tls.sh [COUNT] [PHONES] [CALLS] [PAIRS]
#   (default per round: 20,000 registrations by 20 phones, 3,000 calls by 10 pairs of phones)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count=${1:-20000}; phones=${2:-20}; calls=${3:-3000}; pairs=${4:-10}
work="$root/target/bench-tls"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"   # 22 or newer: the load programs share releng/SipPhone.java
"$java" -version 2>&1 | grep -qE 'version "(2[2-9]|[3-9][0-9])' || { echo "bench-tls.sh needs a JDK 22 or newer" >&2; exit 2; }
. "$root/releng/sip-server.sh"
rm -rf "$work" && mkdir -p "$work"
"${JAVA_HOME:+$JAVA_HOME/bin/}keytool" -genkeypair -alias bench -keyalg EC -validity 2 -dname CN=localhost \
  -ext san=ip:127.0.0.1 -storetype PKCS12 -keystore "$work/bench.p12" -storepass bench-store >/dev/null 2>&1
tls=$(free_port)
export SWITCHBOARD_TLS_CERT="$work/bench.p12" SWITCHBOARD_TLS_PASSWORD=bench-store SWITCHBOARD_HTTP_ALSO=true \
  SWITCHBOARD_HTTPS_PORT=$(free_port)
# sip_server_start empties WORK: the server's folder is a subfolder, the TLS point is written before it starts
mkdir -p "$work/server/etc"
printf 'transport = tls\naddress = 127.0.0.1\nport = %s\n' $tls > "$work/tls.cfg"
sip_server_start "$work/server"
cp "$work/tls.cfg" "$work/server/etc/io.switchboard.sip.listener-tls.cfg"
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null' EXIT
for i in $(seq 1 60); do api "http://127.0.0.1:$http/api/v1/sip/status" | grep -q "\"tls:127.0.0.1:$tls\"" && break; sleep 0.5; done
for i in $(seq 1 $phones); do
  api -X PUT "http://127.0.0.1:$http/api/v1/sip/users/bench$i" -d '{"password":"bench-password-1"}' >/dev/null
done
for i in $(seq 1 $pairs); do for side in a b; do
  api -X PUT "http://127.0.0.1:$http/api/v1/sip/users/bench$side$i" -d '{"password":"bench-password-1"}' >/dev/null
done; done
run() { # PROGRAM TRANSPORT PORT PHONES COUNT: one load program's run
  "$java" -Djavax.net.ssl.trustStore="$work/bench.p12" -Djavax.net.ssl.trustStorePassword=bench-store \
    "$root/releng/$1.java" $2 127.0.0.1 $3 bench bench-password-1 $4 $5
}
rounds() { # PROGRAM PHONES COUNT WARMUP UNIT
  run $1 udp $sbport $2 $4 > /dev/null; run $1 tls $tls $2 $4 > /dev/null   # warm-up: JIT, connections, caches
  # the second round in the other order: a store that grows with the run must not favour one transport
  for round in 1 2; do
    order="udp tls"; [ $round = 2 ] && order="tls udp"
    for t in $order; do
      port=$sbport; [ $t = tls ] && port=$tls
      cpu0=$(cpu_ticks)
      line=$(run $1 $t $port $2 $3)
      cpu1=$(cpu_ticks)
      echo "round $round $line; server CPU $(( (cpu1 - cpu0) * 1000000 / $(getconf CLK_TCK) / $3 )) us per $5"
    done
  done
}
rounds SipRegisterLoad $phones $count 5000 registration
rounds SipCallLoad $pairs $calls 500 call
