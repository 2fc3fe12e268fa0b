#!/usr/bin/env bash
# SIP benchmark: SIPp uac -> Switchboard -> SIPp uas against the same SIPp pair through Kamailio
# (configured here as a transaction-stateful proxy), REGISTER with digest against both, and
# concurrent held calls with Switchboard's heap.
#   releng/bench-sip.sh [calls|register|held|all] [SECONDS_PER_STEP]      (default: all, 10)
#   REG_USERS=1000 releng/bench-sip.sh register 5     REGISTERs spread over 1,000 users (default: 1)
#   WARM_SECS=0 releng/bench-sip.sh calls 5            no warm-up before the calls ladder (default:
#                                                      90 s at WARM_RATE=400 calls/s, both sides)
# Needs sipp (sip-tester) and kamailio (Debian packages). Prints a report and leaves it in
# target/bench-sip/report.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-all}"
step="${2:-10}"
server="$root/product/io.switchboard.server.product/target/switchboard-server"
[ -x "$server/bin/switchboard-server" ] || "$root/switchboard" build -q
command -v sipp >/dev/null || { echo "sipp missing: apt-get install sip-tester" >&2; exit 2; }
command -v kamailio >/dev/null || { echo "kamailio missing: apt-get install kamailio" >&2; exit 2; }

work="$root/target/bench-sip"
rm -rf "$work" && mkdir -p "$work/etc" "$work/sipp"
report="$work/report.txt"
: > "$report"
say() { echo "$*" | tee -a "$report"; }
. "$root/releng/sip-users.sh"
. "$root/releng/sip-server.sh"

http=$(free_port); sbport=$(free_port); kport=$(free_port); uas=$(free_port); uac=$(free_port)
secret=bench-only-secret
cat > "$work/etc/io.switchboard.sip.cfg" <<EOF
algorithms = MD5
maxCalls = 60000
maxCallsInSetup = 20000
ringTimeout = 60
probeInterval = 3600
EOF
# the CDR writer and the store run as in production; the heap is what a 1 GB target allows
SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xmx1g}" SWITCHBOARD_ADMIN_PASSWORD=$secret \
  "$server/bin/switchboard-server" --data "$work/data" --plugins "$work/plugins" --conf "$work/etc" \
  --http-port "$http" --sip-port "$sbport" > "$work/server.log" 2>&1 &
spid=$!
kpid=
cleanup() { kill $spid 2>/dev/null || true; [ -n "$kpid" ] && kill $kpid 2>/dev/null || true; pkill -f "sipp.*$work" 2>/dev/null || true; }
trap cleanup EXIT
for i in $(seq 1 120); do
  api "http://127.0.0.1:$http/api/v1/sip/status" 2>/dev/null | grep -q '"udp:' && break
  sleep 0.5
done

# Switchboard: the uac is a carrier trunk (known by address:port, no challenge, as Kamailio's
# proxy does not challenge either) calling a DID that goes to a user registered at the uas
sip_calls_provision "$work"

# Kamailio: transaction-stateful proxy to the uas; REGISTER with digest against a fixed password
cat > "$work/kamailio.cfg" <<EOF
#!KAMAILIO
debug=0
log_stderror=yes
children=2
listen=udp:127.0.0.1:$kport
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "auth.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
modparam("usrloc", "db_mode", 0)
request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (is_method("REGISTER")) {
    if (!pv_www_authenticate("\$td", "bench-password-1", "0")) { www_challenge("\$td", "0"); exit; }
    save("location");
    exit;
  }
  \$du = "sip:127.0.0.1:$uas";
  if (!t_relay()) { sl_reply_error(); }
  exit;
}
EOF
kamailio -f "$work/kamailio.cfg" -DD -E -m 256 -M 16 > "$work/kamailio.log" 2>&1 &
kpid=$!
sleep 2

# CPU time (utime+stime ticks) of the side under test: the server's JVM, or all Kamailio processes.
# At the top of the ladder SIPp (one thread each, on the same 2 cores) can be what stops both sides,
# so each step also prints the side's CPU per call or registration (whole process, all threads), and
# the report compares both sides' at the highest rate both passed: a ratio that SIPp cannot cap.
side_ticks() { # target port
  local pids s=0 p
  if [ "$1" = "$sbport" ]; then pids=$(pgrep -f "java.*$work" || true); else pids=$(pgrep -f "kamailio -f $work/kamailio.cfg" || true); fi
  for p in $pids; do s=$((s + $(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0))); done
  echo $s
}
cpu_at() { # label rate unit: the CPU figure of that ladder step in the report
  sed -n "s|^  $1 $2 $3 for .*; CPU \([0-9]*\) us per .*|\1|p" "$report" | tail -1
}
per_unit_us() { python3 -c "import sys; t, n = int(sys.argv[1]), int(sys.argv[2]); print(round(t * 1e6 / $(getconf CLK_TCK) / max(n, 1)))" "$@"; }

# one run of SIPp uac against a target; prints "successful failed retransmissions"
run_calls() { # target rate seconds hold_ms
  local target=$1 rate=$2 secs=$3 hold=$4 tag=$5
  local n=$((rate * secs)) cpu0
  cpu0=$(side_ticks $target)
  timeout $((secs + hold / 1000 + 90)) sipp 127.0.0.1:$uas -sn uas -i 127.0.0.1 -p $uas -nostdin \
    -buff_size 4194304 -timeout $((secs + hold / 1000 + 30))s \
    -trace_stat -stf "$work/sipp/uas-$tag.csv" > "$work/sipp/uas-$tag.out" 2>&1 &
  local uaspid=$!
  sleep 0.5
  # a late 180 after the 200 (reordered across proxy workers) is not a failure of the call
  timeout $((secs + hold / 1000 + 60)) sipp 127.0.0.1:$target -sn uac -s +15550100000 -i 127.0.0.1 -p $uac \
    -r $rate -m $n -d $hold -nostdin -default_behaviors all,-abortunexp -recv_timeout 15000 \
    -buff_size 4194304 -timeout $((secs + hold / 1000 + 30))s -trace_stat -stf "$work/sipp/uac-$tag.csv" \
    -trace_err -error_file "$work/sipp/uac-$tag.errors" > "$work/sipp/uac-$tag.out" 2>&1 || true
  sleep 3 # late retransmissions of this step must not reach the next step's uas
  kill $uaspid 2>/dev/null || true; wait $uaspid 2>/dev/null || true
  python3 - "$work/sipp/uac-$tag.csv" "$(per_unit_us $(( $(side_ticks $target) - cpu0 )) $n)" <<'PY'
import csv,sys
rows=list(csv.reader(open(sys.argv[1]),delimiter=';'))
h=rows[0]; last=rows[-1]
def col(name): return int(last[h.index(name)])
print(col("SuccessfulCall(C)"), col("FailedCall(C)") + int(last[h.index("CurrentCall")]), col("Retransmissions(C)"), sys.argv[2])
PY
}

# the highest rate (calls/s) that completes every call without a retransmission storm
best_rate() { # target label
  local target=$1 label=$2 best=0
  # about 10 % apart from 1,000 up, so that neither side's figure is far below its real ceiling
  for rate in 100 200 400 600 800 1000 1100 1200 1300 1400 1500 1650 1800 2000 2200 2400 2700 3000; do
    read ok failed retrans cpu < <(run_calls $target $rate $step 0 "$label-$rate")
    say "  $label $rate calls/s for ${step}s: $ok ok, $failed failed, $retrans retransmissions; CPU $cpu us per call"
    if [ "$failed" -eq 0 ] && [ "$retrans" -le $((rate * step / 100)) ]; then best=$rate; else break; fi
  done
  echo $best
}

# A JVM compiles its hot code while it runs: on a 2-core machine the server still spends a core in
# the JIT compiler for the first minute or two of calls, at twice the CPU per call of its steady
# state. A switch runs for months, so both sides get the same warm-up before the ladder.
warm_up() { # target label
  local secs=${WARM_SECS:-90} rate=${WARM_RATE:-400}
  [ "$secs" -gt 0 ] || return 0
  # a third of the time at a quarter of the rate first: cold, the server falls behind at full rate
  read ok failed retrans cpu < <(run_calls $1 $((rate / 4)) $((secs / 3)) 0 "$2-warm-up-1")
  say "  $2 warm-up: $((rate / 4)) calls/s for $((secs / 3))s: $ok ok, $failed failed, $retrans retransmissions"
  read ok failed retrans cpu < <(run_calls $1 $rate $((secs - secs / 3)) 0 "$2-warm-up-2")
  say "  $2 warm-up: $rate calls/s for $((secs - secs / 3))s: $ok ok, $failed failed, $retrans retransmissions"
}

if [ "$what" = calls ] || [ "$what" = all ]; then
  say "calls/s: SIPp uac -> proxy/B2BUA -> SIPp uas over UDP, immediate hang-up, ${step}s per step"
  warm_up $sbport switchboard
  sb=$(best_rate $sbport switchboard | tail -1)
  warm_up $kport kamailio
  ka=$(best_rate $kport kamailio | tail -1)
  say "calls/s   Switchboard (B2BUA, CDR stored) $sb   Kamailio (tm proxy) $ka   ratio $(python3 -c "print(round($sb/max($ka,1),2))")"
  both=$((sb < ka ? sb : ka)); c1=$(cpu_at switchboard $both calls/s); c2=$(cpu_at kamailio $both calls/s)
  [ -n "$c1" ] && [ -n "$c2" ] && say "CPU per call at $both calls/s   Switchboard $c1 us   Kamailio $c2 us   ratio $(python3 -c "print(round($c2/max($c1,1),2))")"
  sleep 3
  say "CDRs stored: $(api "http://127.0.0.1:$http/api/v1/cdr/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["storedRecords"])')"
fi

if [ "$what" = register ] || [ "$what" = all ]; then
  users=${REG_USERS:-1}
  say "REGISTER/s with digest (401, then REGISTER with credentials, 200), one new Call-ID each, ${step}s per step, $users user(s)"
  sip_register_who "$users" "$http" "$secret" "$work/sipp"
  reg_step() { # target label rate seconds -> "ok failed retransmissions"
    local target=$1 label=$2 rate=$3 secs=$4 cpu0
    cpu0=$(side_ticks $target)
    timeout $((secs + 60)) sipp 127.0.0.1:$target "${reg_who[@]}" -i 127.0.0.1 -recv_timeout 15000 \
      -p $uac -r $rate -m $((rate * secs)) -key expires 3600 -nostdin -buff_size 4194304 -timeout $((secs + 30))s \
      -trace_stat -stf "$work/sipp/reg-$label-$rate.csv" -trace_err -error_file "$work/sipp/reg-$label-$rate.errors" \
      > "$work/sipp/reg-$label-$rate.out" 2>&1 || true
    python3 - "$work/sipp/reg-$label-$rate.csv" "$(per_unit_us $(( $(side_ticks $target) - cpu0 )) $((rate * secs)))" <<'PY'
import csv,sys
rows=list(csv.reader(open(sys.argv[1]),delimiter=';'))
h=rows[0]; last=rows[-1]
print(last[h.index("SuccessfulCall(C)")], last[h.index("FailedCall(C)")], last[h.index("Retransmissions(C)")], sys.argv[2])
PY
  }
  reg_rate() { # target label
    local target=$1 label=$2 best=0
    # about 10 % apart from 5,000 up, so that neither side's figure is far below its real ceiling
    for rate in 250 500 1000 1500 2000 3000 4000 5000 5500 6000 6500 7000 7500 8000 9000 10000 11000 12000 13000 14000 15000 16500 18000 20000 22500 25000; do
      read ok failed retrans cpu < <(reg_step $target $label $rate $step)
      say "  $label $rate REGISTER/s for ${step}s: $ok ok, $failed failed, $retrans retransmissions; CPU $cpu us per registration"
      if [ "$failed" -eq 0 ] && [ "$retrans" -le $((rate * step / 100)) ]; then best=$rate; else break; fi
    done
    # past its capacity the server must shed load and serve again afterwards, not fall over
    sleep 5
    read ok failed retrans cpu < <(reg_step $target $label-after 100 3)
    say "  $label after the overload step: 100 REGISTER/s for 3s: $ok ok, $failed failed, $retrans retransmissions"
    echo $best
  }
  sb=$(reg_rate $sbport switchboard | tail -1)
  ka=$(reg_rate $kport kamailio | tail -1)
  say "REGISTER/s   Switchboard $sb   Kamailio $ka   ratio $(python3 -c "print(round($sb/max($ka,1),2))")"
  both=$((sb < ka ? sb : ka)); c1=$(cpu_at switchboard $both REGISTER/s); c2=$(cpu_at kamailio $both REGISTER/s)
  [ -n "$c1" ] && [ -n "$c2" ] && say "CPU per registration at $both REGISTER/s   Switchboard $c1 us   Kamailio $c2 us   ratio $(python3 -c "print(round($c2/max($c1,1),2))")"
fi

if [ "$what" = held ] || [ "$what" = all ]; then
  calls=${HELD_CALLS:-20000}
  rate=${HELD_RATE:-400}
  hold=$(( (calls / rate + 30) * 1000 ))
  say "held calls: $calls calls at $rate/s, each held ${hold} ms, through Switchboard (-Xmx1g)"
  ( run_calls $sbport $rate $((calls / rate)) $hold held > "$work/sipp/held.result" ) &
  runner=$!
  sleep $((calls / rate + 10))
  active=$(api "http://127.0.0.1:$http/api/v1/sip/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["activeCalls"])')
  jcmd $spid GC.run >/dev/null 2>&1 || jcmd $(pgrep -f "switchboard.*$work" | head -1) GC.run >/dev/null 2>&1 || true
  sleep 2
  heap=$(api "http://127.0.0.1:$http/api/v1/status" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(round(s["heapUsedBytes"] / 1048576))')
  say "held calls   $active active   heap used after GC: $heap MB"
  wait $runner || true
  say "  $(cat "$work/sipp/held.result" | awk '{print $1" ok, "$2" failed, "$3" retransmissions"}')"
fi
cat "$report"
