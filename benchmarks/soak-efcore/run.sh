#!/usr/bin/env bash
# Soak of the EF Core store: two receiver processes on one PostgreSQL (the soak's own, on a loopback port), instances
# killed with SIGKILL and restarted mid-run, PostgreSQL killed and restarted once. Prints unique deliveries sent against
# effect rows, and handler runs against effects; exits 0 when every acknowledged delivery has exactly one effect and no
# unique-key conflict was counted.
#   benchmarks/soak-efcore/run.sh [seconds=60] [max deliveries=20000]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build "$here" -c Release -o "$out" --nologo -v quiet
dotnet "$out/WebhookSignatures.SoakEfCore.dll" "${1:-60}" "${2:-20000}"
