#!/usr/bin/env bash
# Load test on a real Kestrel server bound to 127.0.0.1: a signed 4 KiB Snyk delivery (X-Hub-Signature)
# against the verified route, then the same request against a route without verification.
#
# Usage: benchmarks/load/run.sh            (from anywhere; needs the .NET 10 SDK and python3; installs wrk if missing)
#        benchmarks/load/run.sh stores     exactly-once handling off, the memory and Redis delivery stores and lease
#                                          renewal, under unique deliveries: see stores.sh
#        benchmarks/load/run.sh efcore     the EF Core store, its handler writing to PostgreSQL, against the floor and Redis: see efcore.sh
# Environment:
#   DURATION=30s        how long each phase runs
#   CONNECTIONS=<2 per core>, THREADS=<cores>
#   PORT=5087           the receiver's port (the unverified baseline uses PORT+1 when RECEIVER=cli)
#   RECEIVER=auto|builtin|cli
#       builtin: benchmarks/load/Receiver (WebhookSignatures.AspNetCore; /webhooks/snyk verified, /unverified not)
#       cli:     `webhooksig listen --scheme snyk --path $VERIFIED_PATH` from src/WebhookSignatures.Cli (CLI_ARGS
#                adds arguments); the unverified baseline then runs on the built-in receiver
#       auto:    cli when the CLI has a listen command, builtin otherwise
#
# The same delivery is posted over and over, which exactly-once handling would acknowledge as a duplicate
# without running the handler: both receivers run without it (`listen --no-exactly-once --quiet`, the
# built-in one with --exactly-once false), so the numbers measure reading and verifying only, and
# listen prints no line per delivery. `run.sh stores` measures the delivery stores with unique deliveries.
set -euo pipefail

if [[ "${1:-}" == stores ]]; then
    exec "$(dirname "${BASH_SOURCE[0]}")/stores.sh"
fi
if [[ "${1:-}" == efcore ]]; then
    exec "$(dirname "${BASH_SOURCE[0]}")/efcore.sh"
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/benchmarks/load"
cores="$(nproc)"
DURATION="${DURATION:-30s}"
THREADS="${THREADS:-$cores}"
CONNECTIONS="${CONNECTIONS:-$((2 * cores))}"
PORT="${PORT:-5087}"
RECEIVER="${RECEIVER:-auto}"
CLI_ARGS="${CLI_ARGS:-}"
VERIFIED_PATH="${VERIFIED_PATH:-/webhooks/snyk}"
UNVERIFIED_PATH="/unverified"
SECRET="load-test-secret-$(date +%s)-0123456789"

if ! command -v wrk >/dev/null; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y wrk
fi

work="$(mktemp -d)"
started_pids=()
cleanup() {
    # Stop only what this script started, by pid.
    for pid in "${started_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${started_pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A realistic 4 KiB JSON body and its signature, made once and posted unchanged.
python3 - "$work/body.json" "$SECRET" > "$work/signature" <<'PY'
import hashlib, hmac, json, sys
issues, i = [], 0
while len(json.dumps({"project": {"name": "acme/api:package.json"}, "newIssues": issues})) < 3900:
    issues.append({"id": f"SNYK-JS-LODASH-{i}", "issueType": "vuln", "pkgName": "lodash",
                   "pkgVersions": ["4.17.4"], "issueData": {"title": "Prototype Pollution", "severity": "high"}})
    i += 1
doc = {"project": {"name": "acme/api:package.json"}, "newIssues": issues, "pad": ""}
doc["pad"] = "x" * (4096 - len(json.dumps(doc, separators=(",", ":")).encode()))
body = json.dumps(doc, separators=(",", ":")).encode()
assert len(body) == 4096, len(body)
open(sys.argv[1], "wb").write(body)
print("sha256=" + hmac.new(sys.argv[2].encode(), body, hashlib.sha256).hexdigest())
PY
signature="$(cat "$work/signature")"

echo "building receivers (Release)..."
dotnet build -c Release "$here/Receiver" -v quiet -nologo >/dev/null
receiver_dll="$(ls "$here"/Receiver/bin/Release/net10.0/WebhookSignatures.LoadReceiver.dll)"

if [[ "$RECEIVER" == auto ]]; then
    RECEIVER=builtin
    if dotnet build -c Release "$root/src/WebhookSignatures.Cli" -v quiet -nologo >/dev/null 2>&1 \
        && dotnet run -c Release --no-build --project "$root/src/WebhookSignatures.Cli" -- listen --help >/dev/null 2>&1; then
        RECEIVER=cli
    fi
fi

# Waits until something listens on the port and prints its pid (the server itself, not a launcher).
wait_for_port() {
    local port="$1"
    for _ in $(seq 1 300); do
        local pid
        pid="$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
        if [[ -n "$pid" ]] && curl -s -o /dev/null "http://127.0.0.1:$port/"; then
            echo "$pid"
            return 0
        fi
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$port after 30 s" >&2
    return 1
}

start_builtin() {
    local port="$1"
    dotnet "$receiver_dll" --urls "http://127.0.0.1:$port" --secret "$SECRET" --exactly-once false >"$work/receiver-$port.log" 2>&1 &
    started_pids+=("$!")
}

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

# Runs wrk and prints one line: requests/s, p50, p99, non-2xx count.
drive() {
    local port="$1" path="$2" label="$3" pid="$4" out
    local before after
    before="$(rss_kb "$pid")"
    out="$(BODY_FILE="$work/body.json" SIGNATURE="$signature" TARGET_PATH="$path" \
        wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -s "$here/post.lua" "http://127.0.0.1:$port")"
    after="$(rss_kb "$pid")"
    echo "$out" > "$work/wrk-$port-${path//\//_}.txt"
    local rps p50 p99 non2xx total
    rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
    p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
    p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
    non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")"
    total="$(awk '/requests in/ { print $1 }' <<<"$out")"
    printf '%-28s %12s %10s %10s %9s %10s %12s %12s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:-0}" "$total" "$((before / 1024)) MiB" "$((after / 1024)) MiB"
}

if [[ "$RECEIVER" == cli ]]; then
    # shellcheck disable=SC2086 # CLI_ARGS is a list of arguments
    dotnet run -c Release --no-build --project "$root/src/WebhookSignatures.Cli" -- listen \
        --urls "http://127.0.0.1:$PORT" --scheme snyk --secret "$SECRET" --path "$VERIFIED_PATH" \
        --no-exactly-once --quiet $CLI_ARGS >"$work/cli.log" 2>&1 &
    started_pids+=("$!")
    verified_pid="$(wait_for_port "$PORT")"
    started_pids+=("$verified_pid")
    baseline_port=$((PORT + 1))
    start_builtin "$baseline_port"
    baseline_pid="$(wait_for_port "$baseline_port")"
else
    start_builtin "$PORT"
    verified_pid="$(wait_for_port "$PORT")"
    baseline_port="$PORT"
    baseline_pid="$verified_pid"
fi

# A request that must pass and one that must fail, before measuring anything.
ok="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "X-Hub-Signature: $signature" \
    --data-binary "@$work/body.json" "http://127.0.0.1:$PORT$VERIFIED_PATH")"
forged="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "X-Hub-Signature: sha256=$(printf '0%.0s' $(seq 1 64))" \
    --data-binary "@$work/body.json" "http://127.0.0.1:$PORT$VERIFIED_PATH")"
if [[ "$ok" != 2* || "$forged" != 401 ]]; then
    echo "receiver check failed: signed delivery -> $ok, forged -> $forged" >&2
    exit 1
fi

echo "receiver: $RECEIVER ($(dotnet --version) SDK), $cores cores, wrk -t $THREADS -c $CONNECTIONS -d $DURATION, 4096-byte body, loopback"
echo "checks: signed delivery -> $ok, forged signature -> $forged"
printf '%-28s %12s %10s %10s %9s %10s %12s %12s\n' "endpoint" "requests/s" "p50" "p99" "non-2xx" "requests" "RSS before" "RSS after"
drive "$PORT" "$VERIFIED_PATH" "verified ($VERIFIED_PATH)" "$verified_pid"
drive "$baseline_port" "$UNVERIFIED_PATH" "unverified ($UNVERIFIED_PATH)" "$baseline_pid"
