#!/usr/bin/env bash
# Sourced by the SIP harnesses: who SIPp registers as.
#   sip_register_who N HTTP_PORT SECRET DIR   sets the array reg_who to SIPp's arguments
# Creates users reg1..regN through the management API. N = 1: reg1 (-s/-au/-ap, sipp-register.xml as
# it is). N > 1: the users are taken in turn from an injection file, each with its own contact
# (binding row). Expects DIR/sipp-register.xml.
sip_register_who() {
  local users=$1 http=$2 secret=$3 dir=$4
  python3 - "$http" "$secret" "$users" "$dir/users.csv" <<'PY'
import base64, sys, urllib.request
port, secret, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
auth = "Basic " + base64.b64encode(("admin:" + secret).encode()).decode()
with open(out, "w") as f:
    f.write("SEQUENTIAL\n")
    for i in range(1, n + 1):
        req = urllib.request.Request("http://127.0.0.1:%s/api/v1/sip/users/reg%d" % (port, i), method="PUT",
                                     data=b'{"password":"bench-password-1"}',
                                     headers={"Authorization": auth, "Content-Type": "application/json"})
        urllib.request.urlopen(req).read()
        # SIPp expands an [authentication ...] keyword that comes from an injection field
        f.write("reg%d;[authentication username=reg%d password=bench-password-1]\n" % (i, i))
PY
  if [ "$users" -le 1 ]; then
    reg_who=(-sf "$dir/sipp-register.xml" -s reg1 -au reg1 -ap bench-password-1)
    return
  fi
  sed -e 's/\[service\]/[field0]/g' -e 's/\[authentication\]/[field1]/' \
    "$dir/sipp-register.xml" > "$dir/sipp-register-users.xml"
  reg_who=(-sf "$dir/sipp-register-users.xml" -inf "$dir/users.csv")
}
