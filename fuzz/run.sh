#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers with AFL++ and SharpFuzz, for a bounded time.
#   fuzz/run.sh [target] [seconds]      e.g. fuzz/run.sh headers 300
# Findings (crashes = an exception or a forged delivery accepted) land in fuzz/findings/<target>/.
set -euo pipefail
cd "$(dirname "$0")"

target="${1:-headers}"
seconds="${2:-120}"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y afl++
fi
if [ ! -x .tools/sharpfuzz ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path .tools
fi

out=.out
dotnet build WebhookSignatures.Fuzz -c Release -o "$out" -p:TreatWarningsAsErrors=true
# Instrument the library under test (not the harness, not the framework).
.tools/sharpfuzz "$out/WebhookSignatures.dll"

rm -rf "findings/$target"
mkdir -p findings
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
afl-fuzz -V "$seconds" -i "corpus/$target" -o "findings/$target" -t 5000 -m none \
  -- dotnet "$out/WebhookSignatures.Fuzz.dll" "$target" > "findings/$target.log" 2>&1 || true

stats="findings/$target/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  echo "afl-fuzz did not start; see fuzz/findings/$target.log" >&2
  tail -20 "findings/$target.log" >&2
  exit 1
fi
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|edges_found|total_edges|saved_crashes|saved_hangs)' "$stats"
crashes=$(ls "findings/$target/default/crashes" 2>/dev/null | grep -vc README || true)
echo "crash inputs: $crashes (in fuzz/findings/$target/default/crashes)"
[ "$crashes" -eq 0 ]
