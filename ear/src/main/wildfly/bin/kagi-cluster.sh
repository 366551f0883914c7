#!/usr/bin/env bash
# Runs Kagi as a cluster on this machine: the local PostgreSQL, N WildFly nodes (standalone-ha.xml) and HAProxy in
# front of them. docs/operations.md, "Cluster", says why each part is as it is.
#
#   kagi-cluster.sh [start]   starts everything, stays in the foreground; Ctrl-C stops what it started
#   kagi-cluster.sh up        starts everything and returns (the integration test, scripts)
#                             a node that already runs is left alone, so up also brings back a node that died
#   kagi-cluster.sh stop      stops what an earlier start left running (its PID files), nothing else
#
# Environment (defaults in brackets):
#   KAGI_CLUSTER_NODES [2]           number of nodes
#   KAGI_CLUSTER_DIR [<server>/cluster]   node base directories, the shared data directory, haproxy.cfg, PID files
#   KAGI_CLUSTER_PORT_OFFSET [0]     the balancer listens on 8080, 8443, 8444 plus this; node i on those plus
#                                    this + 100 * i (management 9990 + the same)
#   KAGI_DB_URL [jdbc:postgresql://127.0.0.1:5432/kagi], KAGI_DB_USER [postgres], KAGI_DB_PASSWORD
#   KAGI_DATA_DIR [<cluster dir>/data]  shared by every node: CA keystore, KEKs, the 8444 trust files
#   KAGI_EAR [<server>/standalone/deployments/kagi.ear]   the application, copied to every node at each start
#   KAGI_CLUSTER_JAVA_OPTS           more -D options for every node
#   KAGI_CLUSTER_START_TIMEOUT [300] seconds a node may take to answer /health
#   KAGI_CLUSTER_PARALLEL [0]        1: start every node at once (the CA's creation is guarded by a database lock)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=$(cd "$here/.." && pwd)
cmd=${1:-start}
nodes=${KAGI_CLUSTER_NODES:-2}
dir=${KAGI_CLUSTER_DIR:-$home/cluster}
off=${KAGI_CLUSTER_PORT_OFFSET:-0}
timeout=${KAGI_CLUSTER_START_TIMEOUT:-300}
export KAGI_DB_URL=${KAGI_DB_URL:-jdbc:postgresql://127.0.0.1:5432/kagi}
export KAGI_DB_USER=${KAGI_DB_USER:-postgres}
export KAGI_DB_PASSWORD=${KAGI_DB_PASSWORD:-}
export KAGI_DATA_DIR=${KAGI_DATA_DIR:-$dir/data}
ear=${KAGI_EAR:-$home/standalone/deployments/kagi.ear}
lb_http=$((8080 + off)) lb_https=$((8443 + off)) lb_asp=$((8444 + off))

node_off() { echo $((off + 100 * $1)); }
log() { echo "kagi-cluster: $*" >&2; }

stop_pid() { # <pid file>: TERM, then KILL after 30 s; only a process this script recorded
  local f=$1 pid
  [ -s "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

stop_wrapper() { # <wrapper.pid>: the node's standalone.sh, only while it is still that script (a PID can be reused)
  local f=$1 pid
  [ -s "$f" ] || return 0
  pid=$(cat "$f")
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'standalone.sh'; then
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

stop_all() {
  stop_pid "$dir/haproxy.pid"
  for f in "$dir"/node*/node.pid; do [ -e "$f" ] && stop_pid "$f"; done
  for f in "$dir"/node*/wrapper.pid; do [ -e "$f" ] && stop_wrapper "$f"; done
  log "stopped"
}

if [ "$cmd" = stop ]; then
  stop_all
  exit 0
fi
[ "$cmd" = start ] || [ "$cmd" = up ] || { echo "usage: $0 [start|up|stop]" >&2; exit 2; }

# A cluster shares one database: the embedded H2 is one server's file, so it is refused here.
case "$KAGI_DB_URL" in
  jdbc:postgresql://*) ;;
  *) log "a cluster needs PostgreSQL: KAGI_DB_URL must be a jdbc:postgresql:// URL, not $KAGI_DB_URL"; exit 2 ;;
esac
[ -f "$ear" ] || { log "no application at $ear (KAGI_EAR)"; exit 2; }
haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
[ -x "$haproxy" ] || { log "HAProxy is missing (Debian: apt-get install haproxy)"; exit 2; }

# The database: start the local PostgreSQL if it is not up (as .ci/run does), create the database if missing.
rest=${KAGI_DB_URL#jdbc:postgresql://}
hostport=${rest%%/*} dbpart=${rest#*/}
db=${dbpart%%\?*} pghost=${hostport%%:*} pgport=${hostport##*:}
[ "$pgport" = "$hostport" ] && pgport=5432
export PGPASSWORD=$KAGI_DB_PASSWORD
if ! pg_isready -q -h "$pghost" -p "$pgport" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && { [ "$pghost" = 127.0.0.1 ] || [ "$pghost" = localhost ]; }; then
    log "starting the local PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h "$pghost" -p "$pgport" && break; sleep 1; done
fi
if ! psql -h "$pghost" -p "$pgport" -U "$KAGI_DB_USER" -d postgres -qtA \
    -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  log "creating database $db"
  createdb -h "$pghost" -p "$pgport" -U "$KAGI_DB_USER" "$db"
fi
# A schema named in the URL (currentSchema=) must exist before the nodes start: the EJB timer table is made there at
# boot, before the application's migrations run.
case "$dbpart" in
  *currentSchema=*)
    schema=${dbpart#*currentSchema=} schema=${schema%%&*}
    psql -h "$pghost" -p "$pgport" -U "$KAGI_DB_USER" -d "$db" -q -c "CREATE SCHEMA IF NOT EXISTS \"$schema\"" ;;
esac

mkdir -p "$dir" "$KAGI_DATA_DIR"
members=""
for i in $(seq 1 "$nodes"); do members="$members${members:+,}127.0.0.1[$((7600 + $(node_off "$i")))]"; done

start_node() { # <i>: own base directory (configuration copied once), own ports, name and transaction node id
  local i=$1 o base
  o=$(node_off "$i") base=$dir/node$i
  if [ ! -d "$base/configuration" ]; then
    mkdir -p "$base/data" "$base/log" "$base/deployments"
    cp -r "$home/standalone/configuration" "$base/configuration"
  fi
  if [ -s "$base/node.pid" ] && kill -0 "$(cat "$base/node.pid")" 2>/dev/null; then
    log "node$i already runs (pid $(cat "$base/node.pid"))" # left alone: a new copy of the EAR would redeploy it
    return
  fi
  rm -f "$base"/deployments/kagi.ear.*
  cp "$ear" "$base/deployments/kagi.ear"
  rm -f "$base/log/server.log" "$base/node.pid" # the waits below read this start's log and PID only
  # blocking.timeout: WildFly rolls the deployment back after 300 s by default, which two nodes booting at once on a
  # busy 2-core machine exceeded (ClusterIT); 900 s bounds the boot instead.
  # shellcheck disable=SC2086
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=$base/node.pid nohup bash "$here/kagi.sh" -c standalone-ha.xml \
    -Djboss.server.base.dir="$base" -Djboss.node.name="node$i" -Djboss.tx.node.id="node$i" \
    -Djboss.socket.binding.port-offset="$o" -Dkagi.cluster.members="$members" \
    -Dkagi.public.http.url="http://127.0.0.1:$lb_http" -Dkagi.asp.ocsp.url="http://127.0.0.1:$((8080 + o))/ocsp" \
    -Dkagi.trusted.proxies=127.0.0.1,::1 -Djboss.as.management.blocking.timeout=900 ${KAGI_CLUSTER_JAVA_OPTS:-} >"$base/log/console.log" 2>&1 &
  # WildFly's standalone.sh waits for its JVM in a loop that never ends under bash 5 once the JVM died of a signal (a
  # reaped PID keeps answering "wait" with 128 + signal): it spins forever. Its PID is kept, so that stop ends it too.
  echo $! >"$base/wrapper.pid"
  for _ in $(seq 1 60); do [ -s "$base/node.pid" ] && break; sleep 0.5; done
  log "node$i starting (pid $(cat "$base/node.pid" 2>/dev/null), ports +$o, log $base/log/server.log)"
}

wait_for() { # <i> <what: health|ca>: /health answers 200, or the CA is loaded (the log says so)
  local i=$1 what=$2 end=$((SECONDS + timeout)) o log=$dir/node$1/log/server.log
  o=$(node_off "$i")
  while true; do
    if [ "$what" = ca ]; then
      grep -q 'CA ready\|WFLYSRV0025' "$log" 2>/dev/null && break
    else
      curl -skf -o /dev/null "https://127.0.0.1:$((8443 + o))/health" && break
    fi
    # WFLYSRV0026: started with errors (the application failed to deploy): no use waiting
    if [ $SECONDS -ge $end ] || grep -q 'WFLYSRV0026' "$log" 2>/dev/null \
        || ! kill -0 "$(cat "$dir/node$i/node.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
      log "node$i did not start; see $log"
      return 1
    fi
    sleep 1
  done
  [ "$what" = ca ] || log "node$i healthy"
}

write_haproxy() {
  local pem=$dir/haproxy/balancer.pem i o servers_https="" servers_http="" servers_asp=""
  mkdir -p "$dir/haproxy"
  if [ ! -s "$pem" ]; then
    # The balancer's own TLS certificate for 8443 (self-signed, like a fresh WildFly's; replace it with a real one).
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$dir/haproxy/key.pem" -out "$dir/haproxy/cert.pem" \
      2>/dev/null
    (umask 077 && cat "$dir/haproxy/cert.pem" "$dir/haproxy/key.pem" >"$pem")
    rm -f "$dir/haproxy/key.pem"
  fi
  for i in $(seq 1 "$nodes"); do
    o=$(node_off "$i")
    servers_https+="  server node$i 127.0.0.1:$((8443 + o)) ssl verify none check cookie node$i"$'\n'
    servers_http+="  server node$i 127.0.0.1:$((8080 + o)) check port $((8443 + o)) check-ssl verify none"$'\n'
    servers_asp+="  server node$i 127.0.0.1:$((8444 + o)) check port $((8443 + o)) check-ssl verify none"$'\n'
  done
  cat >"$dir/haproxy/haproxy.cfg" <<CFG
# Written by kagi-cluster.sh at every start: edit the script, not this file.
global
  maxconn 4096
  pidfile $dir/haproxy.pid

defaults
  mode http
  timeout connect 3s
  timeout client 120s
  timeout server 120s
  timeout check 3s
  # A request that cannot reach its node (dead, or refused the connection) goes to another one.
  retries 3
  option redispatch
  # Active checks: a node is in rotation while its /health answers 200 over HTTPS.
  option httpchk GET /health
  http-check expect status 200
  default-server inter 2s fall 2 rise 2

# 8443: TLS ends here and starts again to the node, so that HAProxy can read the cookie that keeps a browser on its
# node and add X-Forwarded-For (the nodes trust 127.0.0.1 as a proxy: KAGI_TRUSTED_PROXIES).
frontend https
  bind 127.0.0.1:$lb_https ssl crt $pem alpn http/1.1
  option forwardfor
  http-request set-header X-Forwarded-Proto https
  default_backend nodes_https

backend nodes_https
  balance roundrobin
  cookie KAGI_NODE insert indirect nocache httponly secure
$servers_https
# 8080: CRLs, CA certificates and OCSP go to the nodes on plain HTTP; everything else is sent to 8443 here, since a
# node would redirect to its own (offset) HTTPS port.
frontend http
  bind 127.0.0.1:$lb_http
  option forwardfor
  acl revocation path_beg /crl/ /ocsp
  http-request redirect location https://%[req.hdr(host),field(1,:)]:$lb_https%[capture.req.uri] code 302 if !revocation
  default_backend nodes_http

backend nodes_http
  balance roundrobin
$servers_http
# 8444: passed through as TCP, so that the browser's client certificate reaches the node's trust manager (TLS ends
# at the node). The node sees the balancer's address, not the browser's.
frontend asp
  mode tcp
  bind 127.0.0.1:$lb_asp
  default_backend nodes_asp

backend nodes_asp
  mode tcp
  balance source
$servers_asp
CFG
}

trap 'stop_all; exit 130' INT TERM
t0=$SECONDS
# Node 1 first, alone until its CA is loaded: on an empty database it creates the CA in the shared data directory
# (under a database lock as well, CertificateAuthority); the other nodes then load that CA.
# KAGI_CLUSTER_PARALLEL=1 starts them all at once and relies on that lock alone (ClusterIT: boot time is CPU-bound
# and a node waits for the lock only at the CA, late in its boot).
start_node 1
if [ "${KAGI_CLUSTER_PARALLEL:-0}" != 1 ]; then
  wait_for 1 ca || { stop_all; exit 1; }
fi
for i in $(seq 2 "$nodes"); do start_node "$i"; done
for i in $(seq 1 "$nodes"); do wait_for "$i" health || { stop_all; exit 1; }; done
write_haproxy
stop_pid "$dir/haproxy.pid"
"$haproxy" -c -q -f "$dir/haproxy/haproxy.cfg"
"$haproxy" -D -f "$dir/haproxy/haproxy.cfg"
log "cluster of $nodes up in $((SECONDS - t0)) s: https://localhost:$lb_https/ (HTTP $lb_http, client certificates $lb_asp)"
if [ "$cmd" = up ]; then
  trap - INT TERM
  exit 0
fi
log "Ctrl-C stops the nodes and the balancer"
while true; do sleep 3600 & wait $!; done
