#!/usr/bin/env bash
# Native AOT: publish the webhooksig tool for linux-x64 with trim and AOT warnings as errors,
# then run the native binary's demo.   eng/aot-publish.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Native AOT links with clang and needs zlib's headers; a fresh Debian machine has neither.
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

dotnet publish "$root/src/WebhookSignatures.Cli" -c Release -r linux-x64 -p:PublishAot=true \
  -p:TreatWarningsAsErrors=true -warnaserror -o "$out" --nologo
ls -l "$out/webhooksig"
"$out/webhooksig" demo
echo "native AOT publish and demo passed"
