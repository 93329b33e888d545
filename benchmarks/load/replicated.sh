#!/usr/bin/env bash
# Load: replicated completion (each reservation and completion followed by WAIT 1 over the store's own pool of
# connections) against the plain Redis store and the in-memory store, measured in one run on real Kestrel bound to
# 127.0.0.1, as ratios to the memory store. Redis runs as a primary with one replica on this machine, both without
# persistence. The same receiver and driver as benchmarks/load/stores.sh: every request a different pre-signed 4 KiB
# Snyk delivery, each store warmed up and then measured in turn, round after round, the order reversed every round.
# Before measuring it checks each receiver (new 204, again 200, forged 401) and that the replicated receiver's
# deliveries reach the replica.
#
# Usage: benchmarks/load/replicated.sh
# Environment: DURATION=15s ROUNDS=2 WARMUP=5s CONNECTIONS=<2 per core> DELIVERIES=3000000 PORT=5187
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/benchmarks/load"
cores="$(nproc)"
DURATION="${DURATION:-15s}"; DURATION="${DURATION%s}"
WARMUP="${WARMUP:-5s}"; WARMUP="${WARMUP%s}"
ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-$((2 * cores))}"
DELIVERIES="${DELIVERIES:-3000000}"
PORT="${PORT:-5187}"
SECRET="load-secret-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

command -v redis-server >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server; }
work="$(mktemp -d)"
started_pids=()
cleanup() {
    for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${started_pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    for pidfile in "$work/replica.pid" "$work/primary.pid"; do
        [[ -s "$pidfile" ]] || continue
        redis_pid="$(cat "$pidfile")"
        kill "$redis_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

primary=$((30000 + RANDOM % 10000))
replica=$((primary + 1))
mkdir -p "$work/replica"
redis-server --bind 127.0.0.1 --port "$primary" --save '' --appendonly no --repl-diskless-sync-delay 0 --dir "$work" \
    --pidfile "$work/primary.pid" --daemonize yes >/dev/null
redis-server --bind 127.0.0.1 --port "$replica" --save '' --appendonly no --dir "$work/replica" --pidfile "$work/replica.pid" \
    --daemonize yes --replicaof 127.0.0.1 "$primary" >/dev/null
for _ in $(seq 1 100); do redis-cli -p "$replica" info replication | grep -q 'master_link_status:up' && break; sleep 0.1; done
redis-cli -p "$replica" info replication | grep -q 'master_link_status:up' || { echo "the replica did not sync" >&2; exit 1; }

echo "building the receiver and the driver (Release)..."
dotnet build -c Release "$here/Receiver" -o "$work/receiver" -v quiet -nologo >"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
dotnet build -c Release "$here/Driver" -o "$work/driver" -v quiet -nologo >"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
driver() { LOAD_SECRET="$SECRET" dotnet "$work/driver/WebhookSignatures.LoadDriver.dll" "$@"; }

stores=(memory redis redis-replicated)
declare -A port_of pid_of
args_of() {
    case "$1" in
        memory) echo "--store memory" ;;
        redis) echo "--store redis --redis 127.0.0.1:$primary" ;;
        redis-replicated) echo "--store redis --redis 127.0.0.1:$primary --replicas 1" ;;
    esac
}
i=0
for store in "${stores[@]}"; do
    port=$((PORT + i))
    # shellcheck disable=SC2046 # the store's arguments are a list
    dotnet "$work/receiver/WebhookSignatures.LoadReceiver.dll" --urls "http://127.0.0.1:$port" --secret "$SECRET" $(args_of "$store") \
        >"$work/receiver-$store.log" 2>&1 &
    started_pids+=("$!")
    port_of[$store]="$port"
    pid_of[$store]="$!"
    i=$((i + 1))
done
for store in "${stores[@]}"; do
    for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:${port_of[$store]}/" && break; sleep 0.1; done
done
url_of() { echo "http://127.0.0.1:${port_of[$1]}/webhooks/snyk"; }

echo "machine: $cores cores, $(dotnet --version) SDK, $(redis-server --version | awk '{ print $3 }' | tr -d v=), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
replica_keys() { redis-cli -p "$replica" --scan --pattern 'webhooksig:snyk:content:*' | wc -l; }
for store in "${stores[@]}"; do
    before="$(replica_keys)"
    driver check "$(url_of "$store")" || { echo "receiver check failed for $store" >&2; exit 1; }
    echo "  $store: keys on the replica $before -> $(replica_keys)"
done
redis-cli -p "$primary" config resetstat >/dev/null

targets=()
for store in "${stores[@]}"; do
    targets+=(--target "$store=$(url_of "$store")" --watch "$store=receiver:${pid_of[$store]}")
done
echo
driver run "${targets[@]}" --connections "$CONNECTIONS" --seconds "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" --deliveries "$DELIVERIES"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
wait_stat() { redis-cli -p "$primary" info commandstats | tr -d '\r' | awk -F'[:,=]' '$1 == "cmdstat_wait" { for (i = 2; i < NF; i += 2) if ($i == "calls" || $i == "usec_per_call") printf "%s %s ", $i, $(i + 1) }'; }
echo "Redis WAIT: $(wait_stat)"
