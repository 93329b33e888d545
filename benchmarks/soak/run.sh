#!/usr/bin/env bash
# Soak: exactly-once delivery through two `webhooksig listen --redis --forward-to` receivers sharing one Redis, in
# front of a counting application. The driver (this folder) behaves like a sender: unique signed deliveries
# alternately to each receiver, retries of everything not acknowledged (500 from the application, 409 in flight, 502,
# 503 while Redis is down), duplicates of acknowledged deliveries and of deliveries in flight, and forged, tampered and
# stale ones that must be refused. Redis (or, with KILL=1, one receiver) is killed (SIGKILL) in the middle and started
# again.
# Prints the sender's figures beside the application's counts; exits 0 when every unique delivery was handled
# exactly once, none was lost, nothing refused reached the application, and both receivers are still running.
#
#   benchmarks/soak/run.sh [seconds=60]          loopback only; stops everything it started
# Environment:
#   SCHEME=standard-webhooks|github   standard-webhooks (default) re-signs a retry under the same webhook-id with a
#                                     new timestamp; github resends the same bytes
#   PERSISTENCE=aof|none              aof (default): Redis fsyncs every write (appendfsync always), so what it
#                                     acknowledged survives the kill; none: Redis comes back empty (the receivers'
#                                     start-up warning about it is printed)
#   KILL=1                            instead of Redis, receiver A is killed (SIGKILL) mid-run, with handlers running,
#                                     and started again; a delivery whose completion died with it is retried after its
#                                     lease, and one the application had already answered is handled twice (counted:
#                                     the window between a handler's effects and its completion)
#   LEASE=<seconds>                   the receivers' lease (listen --lease; default the library's 30 s)
#   FAILOVER=1                        a primary, one replica and three Sentinels; the receivers connect through the
#                                     Sentinels with replicated completion on (--redis-replicas 1), the primary is
#                                     killed, a Sentinel promotes the replica, and the old primary comes back as its
#                                     replica at the end of the outage
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-60}"
SCHEME="${SCHEME:-standard-webhooks}"
PERSISTENCE="${PERSISTENCE:-aof}"
KILL="${KILL:-0}"
LEASE="${LEASE:-}"
FAILOVER="${FAILOVER:-0}"
outage_at=$((seconds / 3))
outage_len=$((seconds / 6 > 3 ? seconds / 6 : 3))
work="$(mktemp -d)"
pids=()
redis_port=$((30000 + RANDOM % 10000))
replica_port=$((redis_port + 1))
sentinel_ports=($((redis_port + 2)) $((redis_port + 3)) $((redis_port + 4)))
cleanup() {
  # A restarted receiver is no child of this shell: its pid file names it.
  for file in "$work"/listen-*.pid; do
    if [ -s "$file" ]; then kill "$(cat "$file")" 2>/dev/null || true; fi
  done
  for pid in "${pids[@]}"; do
    pkill -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for pidfile in "$work"/sentinel-*.pid "$work/replica.pid" "$work/redis.pid"; do
    [ -s "$pidfile" ] || continue
    redis_pid="$(cat "$pidfile")"
    kill "$redis_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

command -v redis-server >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server; }
case "$PERSISTENCE" in
  aof) persistence="--appendonly yes --appendfsync always" ;;
  none) persistence="--appendonly no" ;;
  *) echo "PERSISTENCE must be aof or none" >&2; exit 2 ;;
esac
case "$KILL" in
  0|1) ;;
  *) echo "KILL must be 0 or 1" >&2; exit 2 ;;
esac
start_redis="redis-server --bind 127.0.0.1 --port $redis_port --save '' $persistence --dir $work --pidfile $work/redis.pid --daemonize yes"
stop_redis="kill -9 \$(cat $work/redis.pid)"
eval "$start_redis" >/dev/null
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis_option="127.0.0.1:$redis_port"
store_flags=()
[ "$PERSISTENCE" = none ] || store_flags=(--redis-durability survives-restart)
if [ "$FAILOVER" = 1 ]; then
  mkdir -p "$work/replica"
  redis-cli -p "$redis_port" config set repl-diskless-sync-delay 0 >/dev/null
  redis-server --bind 127.0.0.1 --port "$replica_port" --save '' $persistence --dir "$work/replica" --pidfile "$work/replica.pid" \
    --daemonize yes --replicaof 127.0.0.1 "$redis_port" >/dev/null
  for i in 0 1 2; do
    port="${sentinel_ports[$i]}"
    printf '%s\n' "port $port" "bind 127.0.0.1" "dir $work" "pidfile $work/sentinel-$i.pid" "logfile $work/sentinel-$i.log" "daemonize yes" \
      "sentinel monitor soak 127.0.0.1 $redis_port 2" "sentinel down-after-milliseconds soak 1000" \
      "sentinel failover-timeout soak 5000" > "$work/sentinel-$i.conf"
    redis-sentinel "$work/sentinel-$i.conf" >/dev/null
  done
  # Ready once the replica is in sync and every Sentinel knows the replica and the two others.
  for _ in $(seq 1 300); do
    ready=1
    redis-cli -p "$replica_port" info replication | grep -q 'master_link_status:up' || ready=0
    for port in "${sentinel_ports[@]}"; do
      [ "$(redis-cli -p "$port" sentinel replicas soak 2>/dev/null | grep -c '^name$')" -ge 1 ] || ready=0
      [ "$(redis-cli -p "$port" sentinel sentinels soak 2>/dev/null | grep -c '^name$')" -ge 2 ] || ready=0
    done
    [ "$ready" = 1 ] && break
    sleep 0.2
  done
  [ "$ready" = 1 ] || { echo "the Sentinel topology did not come up" >&2; exit 1; }
  # The killed primary comes back, empty, as the promoted replica's replica, as an orchestrator would restart it.
  start_redis="redis-server --bind 127.0.0.1 --port $redis_port --save '' $persistence --dir $work --pidfile $work/redis.pid --daemonize yes --replicaof 127.0.0.1 $replica_port"
  redis_option="127.0.0.1:${sentinel_ports[0]},127.0.0.1:${sentinel_ports[1]},127.0.0.1:${sentinel_ports[2]},serviceName=soak"
  store_flags=(--redis-replicas 1)
  [ "$PERSISTENCE" = none ] || store_flags+=(--redis-durability survives-failover)
fi

dotnet build "$root/src/WebhookSignatures.Cli" -c Release -o "$work/cli" --nologo -v quiet
dotnet build "$root/benchmarks/soak" -c Release -o "$work/soak" --nologo -v quiet

case "$SCHEME" in
  standard-webhooks) secret="whsec_$(head -c 32 /dev/urandom | base64)" ;;
  github) secret="soak-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" ;;
  *) echo "SCHEME must be standard-webhooks or github" >&2; exit 2 ;;
esac
app_port=$((20000 + RANDOM % 5000))
ports=($((40000 + RANDOM % 5000)) $((45000 + RANDOM % 5000)))
lease_flag=""
if [ -n "$LEASE" ]; then lease_flag="--lease $LEASE"; fi

# One receiver on the port it is given. It writes its pid (exec keeps it) where a kill and the cleanup find it, and it
# reads the secret from SOAK_SECRET, which the driver has too, so the driver can start it again.
{
  echo '#!/usr/bin/env bash'
  echo "echo \$\$ > \"$work/listen-\$1.pid\""
  echo "exec dotnet \"$work/cli/webhooksig.dll\" listen --urls \"http://127.0.0.1:\$1\" --scheme \"$SCHEME\" --secret-env SOAK_SECRET" \
    "--redis \"$redis_option\" ${store_flags[*]} --forward-to \"http://127.0.0.1:$app_port/hooks\" $lease_flag >>\"$work/listen-\$1.log\" 2>&1"
} > "$work/listen.sh"
wait_for() { for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$1/" && break; sleep 0.2; done; }
pid_of() { cat "$work/listen-$1.pid" 2>/dev/null; }
for port in "${ports[@]}"; do
  SOAK_SECRET="$secret" bash "$work/listen.sh" "$port" </dev/null &
  pids+=($!)
done
for port in "${ports[@]}"; do
  wait_for "$port"
  if ! curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "the receiver on port $port did not start:" >&2
    cat "$work/listen-$port.log" >&2
    exit 1
  fi
done

# Resident memory of both receivers every 5 s, for as long as the run may last (the drain included).
( for _ in $(seq 1 $(((seconds + 240) / 5))); do
    echo "$(date +%s) $(ps -o rss= -p "$(pid_of "${ports[0]}")") $(ps -o rss= -p "$(pid_of "${ports[1]}")")" >> "$work/rss.log"
    sleep 5
  done ) 2>/dev/null &
pids+=($!)

fault=(--stop-redis "$stop_redis" --start-redis "$start_redis" --failover "$([ "$FAILOVER" = 1 ] && echo true || echo false)")
if [ "$KILL" = 1 ]; then
  # The driver runs these: SIGKILL to receiver A; then A started again, the command returning once it answers.
  kill_receiver="kill -9 \$(cat $work/listen-${ports[0]}.pid)"
  restart_receiver="bash $work/listen.sh ${ports[0]} </dev/null >/dev/null 2>&1 & for _ in \$(seq 1 300); do curl -s -o /dev/null http://127.0.0.1:${ports[0]}/ && break; sleep 0.2; done"
  fault+=(--kill-receiver "$kill_receiver" --restart-receiver "$restart_receiver")
  echo "soak: $SCHEME, ${seconds} s, Redis on 127.0.0.1:$redis_port (persistence: $PERSISTENCE), receiver A killed (SIGKILL) at ${outage_at} s and started again ${outage_len} s later"
elif [ "$FAILOVER" = 1 ]; then
  echo "soak: $SCHEME, ${seconds} s, Redis primary on 127.0.0.1:$redis_port, replica on $replica_port, Sentinels on ${sentinel_ports[*]} (persistence: $PERSISTENCE, replicated completion: 1 replica); primary killed at ${outage_at} s, back as a replica ${outage_len} s later"
else
  echo "soak: $SCHEME, ${seconds} s, Redis on 127.0.0.1:$redis_port (persistence: $PERSISTENCE) killed at ${outage_at} s for ${outage_len} s"
fi
if [ -n "$LEASE" ]; then fault+=(--lease-seconds "$LEASE"); fi
echo "what the receivers said of their Redis at start-up:"
grep -h -e '^Redis at' -e '^warning:' "$work"/listen-*.log | sort | uniq -c | sed 's/^/ /'

set +e
SOAK_SECRET="$secret" dotnet "$work/soak/WebhookSignatures.Soak.dll" \
  --targets "http://127.0.0.1:${ports[0]}/,http://127.0.0.1:${ports[1]}/" --app-port "$app_port" --scheme "$SCHEME" \
  --seconds "$seconds" --outage-at "$outage_at" --outage-seconds "$outage_len" "${fault[@]}"
verdict=$?
set -e

alive=0
for port in "${ports[@]}"; do kill -0 "$(pid_of "$port")" 2>/dev/null && alive=$((alive + 1)); done
echo "receivers still running: $alive of 2"
if [ "$FAILOVER" = 1 ]; then
  echo "primary the Sentinels name at the end: $(redis-cli -p "${sentinel_ports[0]}" sentinel get-master-addr-by-name soak | tr '\n' ' ')"
  echo "delivery keys in Redis (promoted replica): $(redis-cli -p "$replica_port" --scan --pattern 'webhooksig:*' | wc -l)"
else
  echo "delivery keys in Redis: $(redis-cli -p "$redis_port" --scan --pattern 'webhooksig:*' | wc -l)"
fi
echo "receivers' lines by outcome:"
cat "$work"/listen-*.log | awk '$4 ~ /^(accepted|duplicate|in-flight|rejected|unavailable|downstream-unreachable|[0-9]+)$/ { n[$4 " " $5]++ } END { for (k in n) print "  " k ": " n[k] }' | sort
echo "RSS in KiB every 5 s (seconds, receiver A, receiver B):"
awk 'NR == 1 { t0 = $1 } { print $1 - t0, $2, $3 }' "$work/rss.log"
[ "$verdict" -eq 0 ] && [ "$alive" -eq 2 ]
