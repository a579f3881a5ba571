#!/usr/bin/env bash
# A throwaway sharded ClickHouse cluster on 127.0.0.1: an initiator and two shards, each a
# clickhouse-server process with its data in DIR, for the warehouse tests and by hand.
#
#   scripts/clickhouse-cluster.sh start DIR   # waits until all three answer /ping, then prints
#                                             # "http=PORT" of the initiator, the shards' ports,
#                                             # and "https=PORT" and "cert=FILE": the initiator
#                                             # also speaks HTTPS with a self-signed certificate
#   scripts/clickhouse-cluster.sh stop DIR
#
# The cluster is named campaignlens; its shards are `remote_servers` in every server's config,
# so `ENGINE = Distributed(campaignlens, default, T_local, rand())` on the initiator spreads a
# table over the MergeTree tables T_local that each shard holds. Written for Debian 12's
# clickhouse-server 18.16 (root element <yandex>); run as root, the servers run as the
# clickhouse user. Queries are logged in system.query_log on every server. Users: default (no
# password) and analyst (password campaignlens-test, for the tests that a password is not stored).
set -euo pipefail

action=${1:-}
dir=${2:-}
if [ -z "$action" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        su clickhouse -s /bin/sh -c "$*"
    else
        sh -c "$*"
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if [ "$action" = stop ]; then
    for pidfile in "$dir"/*/pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
    exit 0
fi
[ "$action" = start ] || { echo "$0: unknown action '$action'" >&2; exit 2; }
command -v clickhouse-server > /dev/null ||
    { echo "$0: clickhouse-server is not installed (Debian package clickhouse-server)" >&2; exit 1; }

mkdir -p "$dir"
chmod 755 "$dir"
names=(initiator shard1 shard2)
declare -A http tcp
for n in "${names[@]}"; do
    http[$n]=$(free_port)
    tcp[$n]=$(free_port)
done
https=$(free_port)
# A certificate for 127.0.0.1 that nothing trusts unless told to (sslrootcert=FILE).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 2 \
    -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2> /dev/null
[ "$(id -u)" -eq 0 ] && chown clickhouse "$dir/key.pem" "$dir/cert.pem"

cat > "$dir/users.xml" <<EOF
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage>
    <log_queries>1</log_queries></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>
    <profile>default</profile><quota>default</quota></default>
    <analyst><password>campaignlens-test</password><networks><ip>127.0.0.1</ip></networks>
    <profile>default</profile><quota>default</quota></analyst></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
  </interval></default></quotas>
</yandex>
EOF

for n in "${names[@]}"; do
    d="$dir/$n"
    mkdir -p "$d/data/" "$d/tmp/"
    tls=""
    [ "$n" = initiator ] && tls="<https_port>$https</https_port>
  <openSSL><server><certificateFile>$dir/cert.pem</certificateFile>
    <privateKeyFile>$dir/key.pem</privateKeyFile><verificationMode>none</verificationMode>
    <loadDefaultCAFile>false</loadDefaultCAFile><cacheSessions>true</cacheSessions>
    <disableProtocols>sslv2,sslv3</disableProtocols><preferServerCiphers>true</preferServerCiphers>
  </server></openSSL>"
    cat > "$d/config.xml" <<EOF
<yandex>
  <logger><level>warning</level><log>$d/server.log</log><errorlog>$d/error.log</errorlog></logger>
  <http_port>${http[$n]}</http_port>
  <tcp_port>${tcp[$n]}</tcp_port>
  $tls
  <listen_host>127.0.0.1</listen_host>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <mark_cache_size>53687091</mark_cache_size>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <query_log><database>system</database><table>query_log</table>
    <flush_interval_milliseconds>1000</flush_interval_milliseconds></query_log>
  <remote_servers><campaignlens>
    <shard><replica><host>127.0.0.1</host><port>${tcp[shard1]}</port></replica></shard>
    <shard><replica><host>127.0.0.1</host><port>${tcp[shard2]}</port></replica></shard>
  </campaignlens></remote_servers>
</yandex>
EOF
    [ "$(id -u)" -eq 0 ] && chown -R clickhouse "$d"
    as_server_user "cd '$d' && exec clickhouse-server --config-file='$d/config.xml' \
        > '$d/stdout.log' 2>&1 & echo \$! > '$d/pid'"
done
for n in "${names[@]}"; do
    ok=""
    for _ in $(seq 300); do
        if [ "$(curl -s "http://127.0.0.1:${http[$n]}/ping" 2>/dev/null)" = "Ok." ]; then
            ok=1
            break
        fi
        sleep 0.1
    done
    if [ -z "$ok" ]; then
        echo "$0: $n did not answer on port ${http[$n]}; its log:" >&2
        tail -20 "$dir/$n/error.log" "$dir/$n/stdout.log" >&2 2>/dev/null || true
        "$0" stop "$dir"
        exit 1
    fi
done
echo "http=${http[initiator]}"
echo "shard1=${http[shard1]}"
echo "shard2=${http[shard2]}"
echo "https=$https"
echo "cert=$dir/cert.pem"
