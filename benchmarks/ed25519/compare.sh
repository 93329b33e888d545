#!/usr/bin/env bash
# The measurements behind the choice of Ed25519 library (docs/performance.md, "Choosing the Ed25519 library"):
# verify speed (BenchmarkDotNet, short job), a Native AOT publish of a tiny console per library with warnings
# as errors, the size of what each ships, and whether it restores for net8.0.   benchmarks/ed25519/compare.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet run -c Release --project "$here/Comparison" -- --filter '*' --job short --artifacts "$out/bench"

for library in BouncyCastle NSec; do
  echo "== Native AOT, $library"
  dotnet publish "$here/AotProbe" -c Release -r linux-x64 -p:Ed25519Library="$library" \
    -p:TreatWarningsAsErrors=true -warnaserror -o "$out/aot-$library" --nologo -v quiet
  ls -l "$out/aot-$library" | grep -v '\.dbg$'
  "$out/aot-$library/Ed25519AotProbe"
  rm -rf "$here/AotProbe/obj" "$here/AotProbe/bin"
done

echo "== what each package ships"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
ls -l "$packages"/bouncycastle.cryptography/2.7.0/*.nupkg "$packages"/nsec.cryptography/26.4.0/*.nupkg "$packages"/libsodium/1.0.22/*.nupkg
ls "$packages"/nsec.cryptography/26.4.0/lib "$packages"/bouncycastle.cryptography/2.7.0/lib "$packages"/libsodium/1.0.22/runtimes
