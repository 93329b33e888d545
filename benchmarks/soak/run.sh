#!/usr/bin/env bash
# Soak: two `webhooksig listen` receivers sharing one Redis, driven with valid, tampered, stale and
# replayed Infisical deliveries for a bounded time; Redis is killed in the middle and started again.
# Prints the tally (false accepts/rejects, replays), the 503s during the outage, and the receivers' RSS.
#   benchmarks/soak/run.sh [seconds=60]          loopback only; stops everything it started
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-60}"
outage_at=$((seconds / 3))
outage_len=$((seconds / 6 > 3 ? seconds / 6 : 3))
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v redis-server >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server; }
redis_port=$((30000 + RANDOM % 10000))
start_redis="redis-server --bind 127.0.0.1 --port $redis_port --save '' --appendonly no --daemonize yes --dir $work"
eval "$start_redis" >/dev/null

dotnet build "$root/src/WebhookSignatures.Cli" -c Release -o "$work/cli" --nologo -v quiet
dotnet build "$root/benchmarks/soak" -c Release -o "$work/soak" --nologo -v quiet

secret="soak-secret-$RANDOM$RANDOM-0123456789abcdef"
ports=($((40000 + RANDOM % 5000)) $((45000 + RANDOM % 5000)))
for port in "${ports[@]}"; do
  WEBHOOK_SECRET="$secret" dotnet "$work/cli/webhooksig.dll" listen --urls "http://127.0.0.1:$port" --scheme infisical \
    --secret-env WEBHOOK_SECRET --redis "127.0.0.1:$redis_port" >"$work/listen-$port.log" 2>&1 &
  pids+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
done

# Resident memory of both receivers every 5 s.
( while true; do echo "$(date +%s) $(ps -o rss= -p "${pids[0]}") $(ps -o rss= -p "${pids[1]}")" >> "$work/rss.log"; sleep 5; done ) &
pids+=($!)

set +e
dotnet "$work/soak/WebhookSignatures.Soak.dll" "http://127.0.0.1:${ports[0]}/" "http://127.0.0.1:${ports[1]}/" "$secret" \
  "$seconds" "$outage_at" "$outage_len" "redis-cli -p $redis_port shutdown nosave" "$start_redis"
verdict=$?
set -e

alive=0
for pid in "${pids[0]}" "${pids[1]}"; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
echo "receivers still running: $alive of 2"
echo "RSS in KiB every 5 s (seconds, receiver A, receiver B):"
awk 'NR == 1 { t0 = $1 } { print $1 - t0, $2, $3 }' "$work/rss.log"
echo "delivery lines logged: $(cat "$work"/listen-*.log | grep -c . || true)"
[ "$verdict" -eq 0 ] && [ "$alive" -eq 2 ]
