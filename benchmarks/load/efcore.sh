#!/usr/bin/env bash
# Load: the EF Core delivery store against the same handler without exactly-once handling (the floor) and against the
# Redis store, in one run on real Kestrel bound to 127.0.0.1. Every request is a different signed 4 KiB Snyk delivery
# whose handler inserts one row into PostgreSQL through EF Core (a pooled DbContext). The receivers:
#   floor           exactly-once handling off: the handler's insert alone
#   floor+commit    exactly-once handling off, one more row committed before the handler's insert, on a connection of
#                   its own, as a reservation is: the least that any store committing its reservation apart from the
#                   handler's transaction can cost, so the highest ratio such a store can reach on this machine
#   efcore          the EF Core store: the reservation, then the completion in the handler's own transaction
#   efcore-relaxed  the same, the reservation committed with synchronous_commit = off (ReserveWithoutWaitingForDisk)
#   redis           the Redis store (no persistence), the handler's insert as well
# PostgreSQL is a cluster of the script's own (initdb in a temporary folder, a random loopback port), with PostgreSQL's
# durable defaults (fsync on, synchronous_commit on), each receiver in a database of its own. The driver warms each
# receiver up, then measures them in turn, round after round, the order reversed every round.
#
# Besides throughput and latency it prints each receiver's CPU per request and PostgreSQL's (the server and every backend
# of it; Redis's too for the Redis store). The warm-up is long enough for the runtime to finish compiling the receivers'
# hot code at a thousand requests a second.
#
# Usage: benchmarks/load/efcore.sh     Environment: DURATION=10s WARMUP=10s ROUNDS=2 CONNECTIONS=<2 per core>
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/benchmarks/load"
cores="$(nproc)"
seconds_of() { local v="${1%s}"; [[ "$v" =~ ^[0-9]+$ ]] || { echo "not a number of seconds: $1" >&2; exit 2; }; echo "$v"; }
DURATION="$(seconds_of "${DURATION:-10s}")"
WARMUP="$(seconds_of "${WARMUP:-10s}")"
ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-$((2 * cores))}"
PORT="${PORT:-5187}"
SECRET="load-secret-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pg_bin="${WEBHOOKSIG_TEST_POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"

command -v redis-server >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server; }
[[ -x "$pg_bin/initdb" ]] || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"; }

work="$(mktemp -d)"
chmod 755 "$work"
started_pids=()
as_postgres=()
[[ "$(id -u)" == 0 ]] && as_postgres=(runuser -u postgres --)
cleanup() {
    for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${started_pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    [[ -s "$work/pg/data/postmaster.pid" ]] && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
    [[ -s "$work/redis.pid" ]] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

pg_port=$((30000 + RANDOM % 10000))
mkdir "$work/pg"
[[ ${#as_postgres[@]} -gt 0 ]] && chown postgres "$work/pg"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust --no-locale -E UTF8 >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
    -o "-h 127.0.0.1 -p $pg_port -k $work/pg -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
pg() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qAt "$@"; }
conn() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$1;Maximum Pool Size=64"; }

redis_port=$((40000 + RANDOM % 10000))
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$work" --pidfile "$work/redis.pid" --daemonize yes >/dev/null
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

echo "building the receiver and the driver (Release)..."
dotnet build -c Release "$here/Receiver" -o "$work/receiver" -v quiet -nologo >"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
dotnet build -c Release "$here/Driver" -o "$work/driver" -v quiet -nologo >"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
driver() { LOAD_SECRET="$SECRET" dotnet "$work/driver/WebhookSignatures.LoadDriver.dll" "$@"; }

db_of() { local name="${1//-/_}"; echo "load_${name//+/_}"; }
stores=(floor floor+commit efcore efcore-relaxed redis)
declare -A port_of pid_of
i=0
for store in "${stores[@]}"; do
    db="$(db_of "$store")"
    pg -d postgres -c "CREATE DATABASE $db"
    case "$store" in
        floor) args=(--exactly-once false) ;;
        floor+commit) args=(--exactly-once false --extra-commit true) ;;
        efcore) args=(--store efcore) ;;
        efcore-relaxed) args=(--store efcore --relaxed true) ;;
        redis) args=(--store redis --redis "127.0.0.1:$redis_port") ;;
    esac
    port=$((PORT + i))
    dotnet "$work/receiver/WebhookSignatures.LoadReceiver.dll" --urls "http://127.0.0.1:$port" --secret "$SECRET" --postgres "$(conn "$db")" "${args[@]}" \
        >"$work/receiver-$store.log" 2>&1 &
    started_pids+=("$!")
    pid_of[$store]="$!"
    port_of[$store]="$port"
    i=$((i + 1))
done
for store in "${stores[@]}"; do
    for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:${port_of[$store]}/" && break; sleep 0.1; done
done
url_of() { echo "http://127.0.0.1:${port_of[$1]}/webhooks/snyk"; }

echo "machine: $cores cores, $(dotnet --version) SDK, PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $3 }') (fsync on, synchronous_commit on), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for store in efcore efcore-relaxed redis; do
    driver check "$(url_of "$store")" || { echo "receiver check failed for $store" >&2; tail -20 "$work/receiver-$store.log" >&2; exit 1; }
done
echo "  efcore deliveries kept: $(pg -d load_efcore -c 'SELECT count(*) FROM webhook_deliveries WHERE completed')"

targets=()
pg_pid="$(head -1 "$work/pg/data/postmaster.pid")"
for store in "${stores[@]}"; do
    targets+=(--target "$store=$(url_of "$store")" --watch "$store=receiver:${pid_of[$store]}" --watch "$store=postgres:$pg_pid")
    [[ "$store" == redis ]] && targets+=(--watch "$store=redis-server:$(cat "$work/redis.pid")")
done
echo
# Beside every ratio to the floor: the EF Core store against the least a reservation committed apart costs.
targets+=(--compare "efcore=floor+commit" --compare "efcore-relaxed=floor+commit")
driver run "${targets[@]}" --connections "$CONNECTIONS" --seconds "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" | tee "$work/run.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for store in "${stores[@]}"; do
    db="$(db_of "$store")"
    echo "  $store: rows $(pg -d "$db" -c 'SELECT count(*) FROM load_rows')$([[ "$store" == efcore* ]] && echo ", completed deliveries $(pg -d "$db" -c 'SELECT count(*) FROM webhook_deliveries WHERE completed')")$([[ "$store" == floor+commit ]] && echo ", rows committed apart $(pg -d "$db" -c 'SELECT count(*) FROM load_marks')")"
done
