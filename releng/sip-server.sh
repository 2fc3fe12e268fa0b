#!/usr/bin/env bash
# Sourced by the fixed-rate SIP harnesses: starts the server product on free ports and waits for SIP.
#   sip_server_start WORK     needs $root; SIP settings from SIP_CFG, JVM options from
#                             SWITCHBOARD_JAVA_OPTS (default -Xmx1g)
# Sets http, sbport, secret, spid (the launcher) and jpid (the JVM); defines api (curl to the API).
#   sip_calls_provision WORK  the calls set-up of the SIP harnesses: the SIPp uac at port $uac is a
#                             carrier trunk (known by address:port, not challenged) calling the DID
#                             +15550100000, which goes to user bench, registered at the SIPp uas ($uas)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
api() { curl -sf -u admin:$secret -H 'Content-Type: application/json' "$@"; }
sip_server_start() {
  local work=$1 server="$root/product/io.switchboard.server.product/target/switchboard-server"
  [ -x "$server/bin/switchboard-server" ] || "$root/switchboard" build -q
  command -v sipp >/dev/null || { echo "sipp missing: apt-get install sip-tester" >&2; exit 2; }
  rm -rf "$work" && mkdir -p "$work/etc" "$work/sipp"
  printf 'algorithms = MD5\nmaxCalls = 60000\nmaxCallsInSetup = 20000\nprobeInterval = 3600\n%s\n' \
    "${SIP_CFG:-}" > "$work/etc/io.switchboard.sip.cfg"
  http=$(free_port); sbport=$(free_port); secret=bench-only-secret
  SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xmx1g}" SWITCHBOARD_ADMIN_PASSWORD=$secret \
    "$server/bin/switchboard-server" --data "$work/data" --plugins "$work/plugins" --conf "$work/etc" \
    --http-port "$http" --sip-port "$sbport" > "$work/server.log" 2>&1 &
  spid=$!
  for i in $(seq 1 120); do api "http://127.0.0.1:$http/api/v1/sip/status" 2>/dev/null | grep -q '"udp:' && break; sleep 0.5; done
  jpid=$(pgrep -f "java.*$work" | head -1)
}
sip_calls_provision() {
  local work=$1
  api -X PUT "http://127.0.0.1:$http/api/v1/sip/users/bench" -d '{"password":"bench-password-1"}' >/dev/null
  api -X PUT "http://127.0.0.1:$http/api/v1/sip/trunks/bench-in" \
    -d "{\"host\":\"127.0.0.1\",\"port\":$uac,\"addresses\":[\"127.0.0.1:$uac\"],\"probe\":false}" >/dev/null
  api -X PUT "http://127.0.0.1:$http/api/v1/sip/numbers/%2B15550100000" -d '{"destination":"bench"}' >/dev/null
  cp "$root/tests/io.switchboard.server.it/src/test/resources/sipp-register.xml" "$work/sipp/"
  sipp 127.0.0.1:$sbport -sf "$work/sipp/sipp-register.xml" -i 127.0.0.1 -p $uas -s bench -au bench \
    -ap bench-password-1 -key expires 7200 -m 1 -nostdin -timeout 20s -timeout_error > "$work/sipp/reg.out" 2>&1
}
# server CPU ticks (utime+stime) of the JVM, and of each of its threads by name (numbers folded)
cpu_ticks() { awk '{print $14+$15}' /proc/$jpid/stat; }
thread_ticks() { for t in /proc/$jpid/task/*; do echo "$(cat $t/comm 2>/dev/null)|$(awk '{print $14+$15}' $t/stat 2>/dev/null)"; done; }
