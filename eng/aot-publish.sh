#!/usr/bin/env bash
# Native AOT: publish the webhooksig tool for linux-x64 with trim and AOT warnings as errors,
# then run the native binary's demo.   eng/aot-publish.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Native AOT links with clang and needs zlib's headers; eng/test.sh installs both on a fresh Debian machine.
command -v clang >/dev/null 2>&1 || { echo "aot-publish: clang is not installed (apt-get install clang)" >&2; exit 1; }
[ -e /usr/include/zlib.h ] || { echo "aot-publish: zlib's headers are not installed (apt-get install zlib1g-dev)" >&2; exit 1; }

dotnet publish "$root/src/WebhookSignatures.Cli" -c Release -r linux-x64 -p:PublishAot=true \
  -p:TreatWarningsAsErrors=true -warnaserror -o "$out" --nologo
ls -l "$out/webhooksig"
"$out/webhooksig" demo
echo "native AOT publish and demo passed"
