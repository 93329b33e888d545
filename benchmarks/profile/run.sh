#!/usr/bin/env bash
# Where a webhook request's time goes: each middleware benchmark runs alone in a loop under `perf record`
# (CPU clock sampling, JIT frames named through the runtime's perf map), and where-time-goes.py sorts
# the samples into the HMAC, the library, the delivery store, the test server and the runtime.
#   benchmarks/profile/run.sh [seconds] [method ...]
# Methods are MiddlewareBenchmarks' names; by default the bare endpoint, the bare endpoint plus HMAC,
# this library with and without exactly-once handling, and Octokit's endpoint. Output: one table per method.
# perf needs root, or kernel.perf_event_paranoid at 1 or lower.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-15}"
shift || true
methods=("$@")
if [ ${#methods[@]} -eq 0 ]; then
  methods=(BareEndpoint BareEndpointPlusHmac WebhookSignatures WebhookSignaturesNoExactlyOnce OctokitMapGitHubWebhooks)
fi

if ! command -v perf >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y linux-perf
fi

dotnet build "$root/benchmarks/WebhookSignatures.Benchmarks" -c Release --nologo -v quiet >/dev/null
dll="$root/benchmarks/WebhookSignatures.Benchmarks/bin/Release/net10.0/WebhookSignatures.Benchmarks.dll"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "$(nproc) cores, $(dotnet --version) SDK, ${seconds} s per method, 2,000 samples/s per core"
# The perf map names JIT-compiled methods; without W^X the code is not behind an anonymous double mapping.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_CLI_TELEMETRY_OPTOUT=1
# The loop warms up for 4 s after a start-up of about 1 s; sampling starts after 6 s, inside the timed part.
delay_ms=6000
if [ "$seconds" -lt 3 ]; then
  echo "give each method at least 3 s: sampling starts 1 s into the timed part" >&2
  exit 2
fi
for method in "${methods[@]}"; do
  if ! (cd "$work" && perf record -q -D "$delay_ms" -F 2000 -e cpu-clock -g -o "$work/$method.data" \
        dotnet "$dll" profile "$method" "$seconds" > "$work/$method.out" 2> "$work/$method.err"); then
    echo "the $method loop failed:" >&2
    cat "$work/$method.out" "$work/$method.err" >&2
    exit 1
  fi
  summary="$(tail -1 "$work/$method.out")"
  rate="$(sed -n 's/.* \([0-9][0-9]*\) requests\/s.*/\1/p' <<<"$summary")"
  echo
  echo "== $summary"
  (cd "$work" && perf script -i "$work/$method.data" 2>/dev/null) | python3 "$root/benchmarks/profile/where-time-goes.py" --rate "$rate"
  # perf reads the runtime's maps from /tmp by process id; they are of no use once the samples are sorted.
  # (head stops reading early, so perf script may end on SIGPIPE: that is not a failure.)
  pid="$(perf script -i "$work/$method.data" -F pid 2>/dev/null | head -1 | tr -d ' ' || true)"
  if [ -n "$pid" ]; then rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map"; fi
done
