#!/usr/bin/env bash
# Load: what exactly-once handling costs, measured in one run on real Kestrel bound to 127.0.0.1: the same receiver
# without it (none), with the in-memory delivery store, with the Redis delivery store, and with the in-memory store
# renewing leases under a slow handler. Every request is a different signed 4 KiB Snyk delivery (pre-signed by
# benchmarks/load/Driver before anything is timed), so every request reserves and completes a new entry. The same
# receiver (benchmarks/load/Receiver) runs once per store; the same driver warms each up and then measures them in
# turn for the same time, round after round, the order reversed every round (none memory redis, redis memory none,
# ...). Every ratio is to the first receiver (none by default), taken round by round and given as the median over
# the rounds with the spread; so is the receiver's CPU per request, which is steadier than throughput when the driver
# and the receivers share two cores. Before measuring it checks that each receiver verifies (a new signed delivery
# 204, the same again 200 as a duplicate, or 204 again without exactly-once handling, a forged one 401) and that the
# Redis receiver really keeps its deliveries in Redis (keys appear, and none for the others).
#
# Usage: benchmarks/load/run.sh stores     (or benchmarks/load/stores.sh)
# Environment:
#   DURATION=10s              each timed round
#   ROUNDS=4                  rounds per store
#   WARMUP=5s                 per store, before the rounds
#   CONNECTIONS=<2 per core>  keep-alive connections, the same for every store but renewal
#   STORES="none memory redis renewal slow"
#                             receivers to compare, the first is the baseline of the ratios:
#                             none:     exactly-once handling off (--exactly-once false)
#                             memory:   the in-memory store, every delivery kept for the run: the store grows by
#                                       some 30 MB a round
#                             steady:   the in-memory store, deliveries kept 5 s: as many expire as come, so the store
#                                       holds a steady number, as a receiver that has run longer than its time to live
#                             redis:    the Redis store
#                             renewal:  the in-memory store with a 50 ms handler whose lease is renewed while it runs
#                                       (a one-second lease on a clock run 10 times faster: renewed every 33 ms); also
#                                       given as a ratio to memory
#                             slow:     the same 50 ms handler without exactly-once handling (what the handler's
#                                       wait costs by itself, to set renewal against)
#                             ping:     the memory store plus one Redis PING before reserving and before completing
#                                       (what two round trips cost by themselves)
#                             redis-bg: the Redis store, answering before the completion has reached Redis
#                                       (what answering a round trip sooner would gain)
#   PROFILE=0|1               1: time every store operation (in the receiver) and sample each receiver's CPU with
#                             perf during one more round of its own; needs perf (linux-perf) and root
#   DELIVERIES=4000000        pre-signed deliveries (32 bytes each in memory); the run stops if they run out
#   PORT=5087                 the first receiver's port; the others follow
#   RENEWAL_CONNECTIONS=64    keep-alive connections to the renewal and slow receivers, whose handler waits 50 ms
# Redis runs without persistence (--save '' --appendonly no) on a random port; it and the receivers are stopped at
# the end. The driver, the receivers and redis-server share the machine's cores.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/benchmarks/load"
cores="$(nproc)"
seconds_of() { local v="${1%s}"; [[ "$v" =~ ^[0-9]+$ ]] || { echo "not a number of seconds: $1" >&2; exit 2; }; echo "$v"; }
DURATION="$(seconds_of "${DURATION:-10s}")"
WARMUP="$(seconds_of "${WARMUP:-5s}")"
ROUNDS="${ROUNDS:-4}"
CONNECTIONS="${CONNECTIONS:-$((2 * cores))}"
STORES="${STORES:-none memory redis renewal slow}"
RENEWAL_CONNECTIONS="${RENEWAL_CONNECTIONS:-64}"
PROFILE="${PROFILE:-0}"
DELIVERIES="${DELIVERIES:-4000000}"
PORT="${PORT:-5087}"
SECRET="load-secret-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

command -v redis-server >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server; }
if [[ "$PROFILE" == 1 ]] && ! command -v perf >/dev/null; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y linux-perf
fi

work="$(mktemp -d)"
started_pids=()
cleanup() {
    # Stop only what this script started, by pid.
    for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${started_pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map"
    done
    if [[ -s "$work/redis.pid" ]]; then
        local redis_pid
        redis_pid="$(cat "$work/redis.pid")"
        kill "$redis_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

redis_port=$((30000 + RANDOM % 10000))
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$work" --pidfile "$work/redis.pid" --daemonize yes >/dev/null
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis_pid="$(cat "$work/redis.pid")"
rcli() { redis-cli -p "$redis_port" "$@"; }

echo "building the receiver and the driver (Release)..."
dotnet build -c Release "$here/Receiver" -o "$work/receiver" -v quiet -nologo >"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
dotnet build -c Release "$here/Driver" -o "$work/driver" -v quiet -nologo >"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
driver() { LOAD_SECRET="$SECRET" dotnet "$work/driver/WebhookSignatures.LoadDriver.dll" "$@"; }

uses_redis() { [[ "$1" == redis || "$1" == ping || "$1" == redis-bg ]]; }
keeps_in_redis() { [[ "$1" == redis || "$1" == redis-bg ]]; }
store_args() {
    case "$1" in
        none) echo "--exactly-once false" ;;
        memory) echo "--store memory" ;;
        steady) echo "--store memory --ttl-seconds 5" ;;
        renewal) echo "--store memory --handler-ms 50 --lease-seconds 1 --clock-speed 10 --count-leases true" ;;
        slow) echo "--exactly-once false --handler-ms 50" ;;
        redis) echo "--store redis --redis 127.0.0.1:$redis_port" ;;
        ping) echo "--store ping --redis 127.0.0.1:$redis_port" ;;
        redis-bg) echo "--store redis --redis 127.0.0.1:$redis_port --complete-in-background true" ;;
        *) echo "unknown store '$1' (none, memory, steady, redis, renewal, slow, ping, redis-bg)" >&2; return 1 ;;
    esac
}

# Waits until the receiver on the port answers.
wait_for_port() {
    for _ in $(seq 1 300); do
        curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1 after 30 s" >&2
    return 1
}

read -r -a stores <<<"$STORES"
declare -A port_of pid_of
i=0
for store in "${stores[@]}"; do
    args="$(store_args "$store")"
    port=$((PORT + i))
    extra=()
    if [[ "$PROFILE" == 1 ]]; then extra=(--time-store true); fi
    # shellcheck disable=SC2086 # args is a list of arguments
    DOTNET_PerfMapEnabled="$PROFILE" DOTNET_EnableWriteXorExecute="$((1 - PROFILE))" \
        dotnet "$work/receiver/WebhookSignatures.LoadReceiver.dll" --urls "http://127.0.0.1:$port" --secret "$SECRET" $args "${extra[@]}" \
        >"$work/receiver-$store.log" 2>&1 &
    started_pids+=("$!")
    port_of[$store]="$port"
    pid_of[$store]="$!"
    i=$((i + 1))
done
for store in "${stores[@]}"; do wait_for_port "${port_of[$store]}"; done
url_of() { echo "http://127.0.0.1:${port_of[$1]}/webhooks/snyk"; }

echo "machine: $cores cores, $(dotnet --version) SDK, $(redis-server --version | awk '{ print $3 }' | tr -d v=), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
keys() { rcli --scan --pattern 'webhooksig:snyk:content:*' | wc -l; }
for store in "${stores[@]}"; do
    before="$(keys)"
    # Without exactly-once handling the same delivery again runs the handler again.
    without=()
    if [[ "$store" == none || "$store" == slow ]]; then without=(--no-exactly-once); fi
    driver check "$(url_of "$store")" "${without[@]}" || { echo "receiver check failed for $store" >&2; exit 1; }
    after="$(keys)"
    if keeps_in_redis "$store" && [[ "$after" -le "$before" ]]; then
        echo "the $store receiver put no delivery in Redis" >&2
        exit 1
    elif ! keeps_in_redis "$store" && [[ "$after" -ne "$before" ]]; then
        echo "the $store receiver put deliveries in Redis" >&2
        exit 1
    fi
    echo "  $store: Redis keys $before -> $after$(keeps_in_redis "$store" && echo " ($(rcli --scan --pattern 'webhooksig:snyk:content:*' | head -1 | cut -c1-40)...)")"
done
rcli config resetstat >/dev/null

targets=()
for store in "${stores[@]}"; do
    targets+=(--target "$store=$(url_of "$store")" --watch "$store=receiver:${pid_of[$store]}")
    if [[ "$store" == renewal || "$store" == slow ]]; then targets+=(--connections-of "$store=$RENEWAL_CONNECTIONS"); fi
    if [[ "$store" == renewal && " $STORES " == *" memory "* ]]; then targets+=(--compare renewal=memory); fi
    if [[ "$store" == renewal && " $STORES " == *" slow "* ]]; then targets+=(--compare renewal=slow); fi
    if uses_redis "$store"; then targets+=(--watch "$store=redis-server:$redis_pid"); fi
done
echo
driver run "${targets[@]}" --connections "$CONNECTIONS" --seconds "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" --deliveries "$DELIVERIES" | tee "$work/run.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ " $STORES " == *" renewal "* ]]; then echo "renewal receiver's leases: $(curl -s "http://127.0.0.1:${port_of[renewal]}/leases")"; fi

# What Redis did per delivery it keeps: the commands the store sends (SET NX to reserve; EVALSHA to complete; GET
# only when SET NX found the key), and the server time per command. Commands inside the script (its GET and SET) are
# counted by Redis as GET and SET too, once per EVALSHA.
stat() { rcli info commandstats | tr -d '\r' | awk -F'[:,=]' -v cmd="cmdstat_$1" -v field="$2" '$1 == cmd { for (i = 2; i < NF; i += 2) if ($i == field) print $(i + 1) }'; }
kept="$(keys)"
evalsha="$(stat evalsha calls)"; evalsha="${evalsha:-0}"
if [[ "$evalsha" -gt 0 ]]; then
    set_nx=$(( $(stat set calls) - evalsha ))
    gets=$(( $(stat get calls) - evalsha ))
    awk -v k="$kept" -v s="$set_nx" -v g="$gets" -v e="$evalsha" -v su="$(stat set usec_per_call)" -v eu="$(stat evalsha usec_per_call)" 'BEGIN {
        printf "Redis: %d deliveries kept; per delivery handled in the run: SET NX %.2f, GET %.2f, EVALSHA %.2f = %.2f round trips; server time: SET %s us, EVALSHA %s us a call\n", k, s / e, g / e, e / e, (s + g + e) / e, su, eu }'
fi
if [[ " $STORES " == *" ping "* ]]; then echo "Redis: $(stat ping calls) PINGs (the ping receiver's), $(stat ping usec_per_call) us a call"; fi

if [[ "$PROFILE" == 1 ]]; then
    echo
    echo "store operations as the verifier saw them, over the whole run (warm-up included):"
    for store in "${stores[@]}"; do
        curl -s "http://127.0.0.1:${port_of[$store]}/store-timings" | sed "s/^/  $store /"
    done
    for store in "${stores[@]}"; do
        # One more round for this store alone, sampled from a second after it starts to a second before it ends.
        sample=$((DURATION > 4 ? DURATION - 2 : 2))
        rm -f "$work/started"
        ( for _ in $(seq 1 600); do [[ -e "$work/started" ]] && break; sleep 0.1; done
          sleep 1
          perf record -q -F 999 -e cpu-clock -g -p "${pid_of[$store]}" -o "$work/$store.perf" -- sleep "$sample" >/dev/null 2>&1 ) &
        perf_job=$!
        watch=(--watch "$store=receiver:${pid_of[$store]}")
        if uses_redis "$store"; then watch+=(--watch "$store=redis-server:$redis_pid"); fi
        line="$(driver run --target "$store=$(url_of "$store")" "${watch[@]}" --connections "$CONNECTIONS" --seconds "$DURATION" --warmup 0 --rounds 1 \
            --deliveries "$DELIVERIES" --started-file "$work/started" | awk '$1 == "1"')"
        wait "$perf_job" || true
        rate="$(awk '{ print $5 }' <<<"$line")"
        echo
        echo "profile round: $line"
        (cd "$work" && perf script -i "$work/$store.perf" 2>/dev/null) | python3 "$here/where-store-time-goes.py" --rate "$rate" --title "$store receiver: where its CPU time goes" || true
    done
fi
