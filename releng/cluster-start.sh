#!/bin/sh
# Starts a Switchboard cluster on this machine for a demonstration: Kamailio's dispatcher
# (docs/deploy/kamailio-edge.cfg) on 127.0.0.1:5060 in front of N servers on 127.0.0.2, .3, ...
# (SIP port 5060+i, management API on 8080+i), all on one PostgreSQL. Phones register and call
# through 127.0.0.1:5060. Ctrl-C stops everything. See docs/scale.md.
#
#   releng/cluster-start.sh [nodes] [jdbc-url] [db-user]
#   releng/cluster-start.sh 3 jdbc:postgresql://127.0.0.1:5432/test postgres
#
# Needs kamailio (apt-get install kamailio) and the built server (./mvnw install -DskipTests).
# SWITCHBOARD_SOLR_URLS (Solr base URLs, comma-separated) gives the servers one Solr Cloud
# collection for their call records (docs/scale.md#call-record-search-on-solr-cloud).
# The admin password is SWITCHBOARD_ADMIN_PASSWORD's, else the one the first server prints.
set -eu
nodes=${1:-3}
url=${2:-jdbc:postgresql://127.0.0.1:5432/test}
user=${3:-postgres}
root=$(cd "$(dirname "$0")/.." && pwd)
server="$root/product/io.switchboard.server.product/target/switchboard-server"
work=${SWITCHBOARD_CLUSTER_DIR:-/tmp/switchboard-cluster}
edge_port=${SWITCHBOARD_EDGE_PORT:-5060}
command -v kamailio >/dev/null || { echo "kamailio missing: apt-get install kamailio" >&2; exit 2; }
[ -x "$server/bin/switchboard-server" ] || { echo "no server at $server: ./mvnw install -DskipTests" >&2; exit 2; }
mkdir -p "$work"
: > "$work/dispatcher.list"
pids=""
trap 'kill $pids 2>/dev/null; wait 2>/dev/null' INT TERM EXIT
i=1
while [ "$i" -le "$nodes" ]; do
    ip="127.0.0.$((i + 1))"
    sip=$((5060 + i))
    node="$work/node-$i"
    mkdir -p "$node/etc" "$node/data" "$node/plugins"
    chmod 700 "$node" "$node/etc" "$node/data" "$node/plugins"
    printf 'url = %s\nuser = %s\n' "$url" "$user" > "$node/etc/io.switchboard.store.jdbc.cfg"
    for t in udp tcp; do
        printf 'transport = %s\naddress = %s\nport = %s\n' "$t" "$ip" "$sip" > "$node/etc/io.switchboard.sip.listener-$t.cfg"
    done
    sed -e "s/^edgeProxies =.*/edgeProxies = 127.0.0.1:$edge_port/" -e "s/^advertisedAddress =.*/advertisedAddress = $ip/" \
        "$server/defaults/io.switchboard.sip.cfg" > "$node/etc/io.switchboard.sip.cfg"
    if [ -n "${SWITCHBOARD_SOLR_URLS:-}" ]; then
        printf 'urls = %s\n' "$SWITCHBOARD_SOLR_URLS" > "$node/etc/io.switchboard.cdr.search.solr.cfg"
    fi
    sed -e "s/^address =.*/address = $ip/" "$server/defaults/io.switchboard.media.cfg" > "$node/etc/io.switchboard.media.cfg"
    "$server/bin/switchboard-server" --data "$node/data" --plugins "$node/plugins" --conf "$node/etc" \
        --node "node-$i" --http-port $((8080 + i)) --sip-port "$sip" > "$node/server.out" 2>&1 &
    pids="$pids $!"
    echo "1 sip:$ip:$sip 0 0 node-$i" >> "$work/dispatcher.list"
    echo "node-$i: SIP $ip:$sip, API http://127.0.0.1:$((8080 + i))/api/v1, log $node/server.out"
    i=$((i + 1))
done
kamailio -f "$root/docs/deploy/kamailio-edge.cfg" -DD -E -Y "$work" -m 128 -M 16 \
    -A "EDGE_LISTEN=udp:127.0.0.1:$edge_port" -A "DISPATCHER_LIST=\"$work/dispatcher.list\"" > "$work/kamailio.out" 2>&1 &
pids="$pids $!"
echo "edge: Kamailio on udp:127.0.0.1:$edge_port, log $work/kamailio.out"
wait
