#!/usr/bin/env bash
# Sourced by the fixed-rate SIP harnesses: starts the server product on free ports and waits for SIP.
#   sip_server_start WORK [NAME CONTENT]  needs $root; SIP settings from SIP_CFG, the call-record
#                             service's from CDR_CFG, JVM options from
#                             SWITCHBOARD_JAVA_OPTS (default -Xmx1g)
# Sets http, sbport, secret, spid (the launcher) and jpid (the JVM); defines api (curl to the API).
#   sip_calls_provision WORK  the calls set-up of the SIP harnesses: the SIPp uac at port $uac is a
#                             carrier trunk (known by address:port, not challenged) calling the DID
#                             +15550100000, which goes to user bench, registered at the SIPp uas ($uas)
# kamailio_start DIR CONFIG_IN SED_SCRIPT: Kamailio with CONFIG_IN's placeholders replaced by SED_SCRIPT,
# its configuration and output in DIR; sets kamailio_pid
kamailio_start() {
  mkdir -p "$1"
  sed "$3" "$2" > "$1/kamailio.cfg"
  kamailio -f "$1/kamailio.cfg" -DD -E -Y "$1" -m 256 -M 16 > "$1/out" 2>&1 &
  kamailio_pid=$!
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
api() { curl -sf -u admin:$secret -H 'Content-Type: application/json' "$@"; }
sip_server_start() {
  local work=$1 server="$root/product/io.switchboard.server.product/target/switchboard-server"
  [ -x "$server/bin/switchboard-server" ] || "$root/switchboard" build -q
  command -v sipp >/dev/null || { echo "sipp missing: apt-get install sip-tester" >&2; exit 2; }
  rm -rf "$work" && mkdir -p "$work/etc" "$work/sipp"
  printf 'algorithms = MD5\nmaxCalls = 60000\nmaxCallsInSetup = 20000\nprobeInterval = 3600\n%s\n' \
    "${SIP_CFG:-}" > "$work/etc/io.switchboard.sip.cfg"
  [ -n "${CDR_CFG:-}" ] && printf '%s\n' "$CDR_CFG" > "$work/etc/io.switchboard.cdr.cfg"
  # optional: another settings file, sip_server_start WORK NAME CONTENT writes etc/io.switchboard.NAME.cfg
  [ -n "${2:-}" ] && printf '%s\n' "$3" > "$work/etc/io.switchboard.$2.cfg"
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
    -d "{\"host\":\"127.0.0.1\",\"port\":$uac,\"addresses\":[\"127.0.0.1:$uac\"],\"probe\":false,\"maxChannels\":0}" >/dev/null
  api -X PUT "http://127.0.0.1:$http/api/v1/sip/numbers/%2B15550100000" -d '{"destination":"bench"}' >/dev/null
  cp "$root/tests/io.switchboard.server.it/src/test/resources/sipp-register.xml" "$work/sipp/"
  sipp 127.0.0.1:$sbport -sf "$work/sipp/sipp-register.xml" -i 127.0.0.1 -p $uas -s bench -au bench \
    -ap bench-password-1 -key expires 7200 -m 1 -nostdin -timeout 20s -timeout_error > "$work/sipp/reg.out" 2>&1
}
# server CPU ticks (utime+stime) of the JVM, and of each of its threads by name (numbers folded)
cpu_ticks() { awk '{print $14+$15}' /proc/$jpid/stat; }
# (lines "comm|tid|ticks"; the last line, "|N", is the context switches of all threads: every hand-off between threads costs two)
thread_ticks() {
  for t in /proc/$jpid/task/*; do echo "$(cat $t/comm 2>/dev/null)|${t##*/}|$(awk '{print $14+$15}' $t/stat 2>/dev/null)"; done
  echo "|$(cat /proc/$jpid/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s}')"
}
# a profile of one run: JFR=/tmp/x.jfr (Java frames; JFR_OPTS=jdk.ExecutionSample#period=1ms for more samples), PERF=/tmp/x.data (perf, all threads with GC and
# JIT compiler, Java symbols from /tmp/perf-<pid>.map written at the end)
profile_start() {
  [ -n "${JFR:-}" ] && jcmd $jpid JFR.start name=p settings=profile ${JFR_OPTS:-} filename=$JFR > /dev/null
  if [ -n "${PERF:-}" ]; then perf record -F 999 -g -p $jpid -o "$PERF" > /dev/null 2>&1 & perfpid=$!; fi
  return 0
}
profile_stop() {
  [ -n "${JFR:-}" ] && jcmd $jpid JFR.stop name=p > /dev/null
  if [ -n "${PERF:-}" ]; then jcmd $jpid Compiler.perfmap > /dev/null; kill -INT $perfpid; wait $perfpid; fi
  return 0
}
# the busiest threads between two thread_ticks snapshots: CPU microseconds per unit of work, by
# the JVM's full thread names (the kernel's are cut to 15 characters), read with jcmd after the run;
# and the CPU without the JIT compiler's threads, whose share still varies run to run after warm-up
thread_report() { # BEFORE AFTER COUNT UNIT
  jcmd $jpid Thread.print 2>/dev/null | sed -n 's/^"\(.*\)" .*nid=\([0-9a-fx]*\) .*/\2|\1/p' > "$1.names"
  python3 - "$@" "$(getconf CLK_TCK)" "$1.names" <<'PY'
import collections, re, sys
names = {}
for line in open(sys.argv[6]):
    nid, _, name = line.rstrip("\n").partition("|")
    names[str(int(nid, 16)) if nid.startswith("0x") else nid] = name
def threads(path):
    c = collections.Counter()
    for line in open(path):
        parts = line.rstrip("\n").split("|")
        if len(parts) == 3 and parts[2]:
            c[re.sub(r"\d+", "N", names.get(parts[1], parts[0]))] += int(parts[2])
    return c
before, after, n, unit, hz = threads(sys.argv[1]), threads(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
spent = {k: after[k] - before.get(k, 0) for k in after}
busy = sorted(((t, k) for k, t in spent.items()), reverse=True)[:8]
jit = sum(t for k, t in spent.items() if "CompilerThre" in k or "Compiler Thre" in k)
switches = lambda path: int(open(path).read().rstrip("\n").rpartition("|")[2] or 0)
per = lambda t: t * 1_000_000 / hz / n
print("  " + ", ".join("%s %d us" % (k, per(t)) for t, k in busy if t > 0) + " per " + unit
      + "; %.1f context switches per %s" % ((switches(sys.argv[2]) - switches(sys.argv[1])) / n, unit))
print("  without the JIT compiler: %d us per %s" % (per(sum(spent.values()) - jit), unit))
PY
}
