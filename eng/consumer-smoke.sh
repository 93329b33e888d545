#!/usr/bin/env bash
# A fresh consumer, as a user would be: pack the packages into a local feed, create a new web app
# that restores from that feed only, paste the README's Infisical receiver, run it on 127.0.0.1,
# and check that a delivery signed by `webhooksig sign` gets 2xx and a tampered one 401.
#   eng/consumer-smoke.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The checks below read packages with python3 and talk to the receiver with curl (eng/test.sh installs both).
for tool in python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "consumer-smoke: $tool is not installed (eng/test.sh installs it: apt-get install $tool)" >&2; exit 1; }
done

feed="$work/feed"
echo "== pack into $feed"
# `dotnet pack -c Release` of the whole solution, as a release would run it, with any warning an error.
dotnet pack "$root/WebhookSignatures.sln" -c Release -p:PackageOutputPath="$feed" --nologo -v quiet -warnaserror
ls -l "$feed"
version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")"
python3 "$root/eng/check-packages.py" "$feed" "$version"

echo "== deterministic: the same commit built in another directory gives the packed assemblies byte for byte"
if [ -n "$(git -C "$root" status --porcelain -- src Directory.Build.props Directory.Packages.props global.json)" ]; then
  echo "skipped: the sources have uncommitted changes, so a clone would build something else"
else
  git clone -q "$root" "$work/clone"
  # The Redis store's project builds the two libraries it depends on as well.
  dotnet build "$work/clone/src/WebhookSignatures.Redis" -c Release --nologo -v quiet -warnaserror >/dev/null
  dotnet build "$work/clone/src/WebhookSignatures.Http" -c Release --nologo -v quiet -warnaserror >/dev/null
  dotnet build "$work/clone/src/WebhookSignatures.EntityFrameworkCore" -c Release --nologo -v quiet -warnaserror >/dev/null
  for project in WebhookSignatures WebhookSignatures.Ed25519 WebhookSignatures.Http WebhookSignatures.AspNetCore WebhookSignatures.Redis; do
    for tfm in net8.0 net10.0; do
      python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
        "$feed/$project.$version.nupkg" "lib/$tfm/$project.dll" > "$work/packed.dll"
      cmp "$work/packed.dll" "$work/clone/src/$project/bin/Release/$tfm/$project.dll" \
        || { echo "FAIL: $project ($tfm) differs when built in another directory"; exit 1; }
    done
  done
  # The EF Core store is built for net10.0 only (EF Core 10).
  project=WebhookSignatures.EntityFrameworkCore
  python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
    "$feed/$project.$version.nupkg" "lib/net10.0/$project.dll" > "$work/packed.dll"
  cmp "$work/packed.dll" "$work/clone/src/$project/bin/Release/net10.0/$project.dll" \
    || { echo "FAIL: $project (net10.0) differs when built in another directory"; exit 1; }
  echo "identical: WebhookSignatures, WebhookSignatures.Ed25519, WebhookSignatures.Http, WebhookSignatures.AspNetCore and WebhookSignatures.Redis, net8.0 and net10.0; WebhookSignatures.EntityFrameworkCore, net10.0"
fi

echo "== install the tool from the feed"
dotnet tool install webhooksig --tool-path "$work/tools" --add-source "$feed" --ignore-failed-sources >/dev/null
"$work/tools/webhooksig" --help >/dev/null
# The installed tool carries the Ed25519 package: a Discord interaction signed with RFC 8032's first test key
# verifies with its public key.
discord_public="d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
echo '{"id":"1","type":1}' > "$work/interaction.json"
mapfile -t discord_headers < <(DISCORD_KEY="9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60$discord_public" \
  "$work/tools/webhooksig" sign --scheme discord --secret-env DISCORD_KEY --body-file "$work/interaction.json")
"$work/tools/webhooksig" verify --scheme discord --secret "$discord_public" --body-file "$work/interaction.json" \
  --header "${discord_headers[0]}" --header "${discord_headers[1]}" \
  || { echo "FAIL: the installed tool does not verify a Discord interaction it signed"; exit 1; }

echo "== a fresh web app that restores from the feed only"
dotnet new web -o "$work/app" -n Receiver --no-restore >/dev/null
cat > "$work/app/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
CONFIG
(cd "$work/app" && dotnet add package WebhookSignatures --version "$version" >/dev/null && dotnet add package WebhookSignatures.AspNetCore --version "$version" >/dev/null)
# The store packages the README installs beside it restore too.
(cd "$work/app" && dotnet add package WebhookSignatures.Redis --version "$version" >/dev/null && dotnet add package WebhookSignatures.EntityFrameworkCore --version "$version" >/dev/null)

# The README's Infisical receiver, verbatim: the first csharp block after its heading.
awk '/^### An Infisical receiver/ {found=1} found && /^```csharp/ {copy=1; next} copy && /^```/ {exit} copy {print}' \
  "$root/README.md" > "$work/app/Program.cs"
test -s "$work/app/Program.cs"
(cd "$work/app" && dotnet build -c Release --nologo -v quiet -warnaserror >/dev/null)

port=$((20000 + RANDOM % 20000))
secret="consumer-smoke-secret-$RANDOM$RANDOM-0123456789"
echo "== run it on 127.0.0.1:$port"
(cd "$work/app" && Webhooks__Infisical__Secrets__0="$secret" ASPNETCORE_URLS="http://127.0.0.1:$port" \
  exec dotnet bin/Release/*/Receiver.dll >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.2
done

echo '{"event":"secrets.modified","project":{"projectId":"p1","projectName":"smoke","environment":"dev"}}' > "$work/payload.json"
signed="$(WEBHOOK_SECRET="$secret" "$work/tools/webhooksig" sign --scheme infisical --secret-env WEBHOOK_SECRET \
  --body-file "$work/payload.json" --out "$work/body.json")"
header="$(printf '%s\n' "$signed" | grep -i '^x-infisical-signature:')"

post() { curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/hooks/infisical" \
  -H 'Content-Type: application/json' -H "$header" --data-binary "@$1"; }

valid="$(post "$work/body.json")"
sed 's/"smoke"/"smoke!"/' "$work/body.json" > "$work/tampered.json"
tampered="$(post "$work/tampered.json")"
echo "signed delivery: $valid, tampered delivery: $tampered"
case "$valid" in 2??) ;; *) echo "FAIL: the signed delivery was refused"; cat "$work/app.log"; exit 1 ;; esac
[ "$tampered" = "401" ] || { echo "FAIL: the tampered delivery got $tampered"; exit 1; }
echo "consumer smoke test passed"
