#!/usr/bin/env bash
# The test command. On a fresh machine it installs what the tests need and lacks, from Debian's packages, where it
# may (as root, or through sudo that asks no password); otherwise it names what to install and stops. Then it runs
# every test. The tests start the servers they need themselves (tests/WebhookSignatures.Testing.Servers).
#   eng/test.sh [dotnet test options...]
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# Folders (each with a package-lock.json) whose npm packages tests use; listing one here makes Node.js and npm required
# and runs `npm ci` there before the tests. tests/reference-libraries: the senders' own libraries (standardwebhooks,
# svix, stripe) that verify what the sending tests sign.
npm_folders=(tests/reference-libraries)

# What is missing, as Debian packages and as Homebrew formulae.
debian=()
homebrew=()
need() {
  debian+=("$1")
  homebrew+=("$2")
}

# Redis: redis-server for the store's tests; redis-sentinel for failover.
command -v redis-server >/dev/null 2>&1 || need redis-server redis
command -v redis-sentinel >/dev/null 2>&1 || need redis-sentinel redis

# PostgreSQL's server binaries: Debian keeps them in /usr/lib/postgresql/N/bin, off PATH.
if [ -n "${WEBHOOKSIG_TEST_POSTGRES_BIN:-}" ]; then
  [ -x "$WEBHOOKSIG_TEST_POSTGRES_BIN/initdb" ] || need postgresql postgresql@17
elif ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && ! command -v initdb >/dev/null 2>&1; then
  need postgresql postgresql@17
fi

# A chromium for the inspector's browser tests: WEBHOOKSIG_CHROMIUM, one Playwright installed, or Debian's.
playwright_cache="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"
if [ -z "${WEBHOOKSIG_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ] && ! compgen -G "$playwright_cache/chromium-*" >/dev/null; then
  need chromium ""
fi

# The packaging checks that run after the tests (eng/consumer-smoke.sh, eng/aot-publish.sh): python3 and curl read
# packages and talk to a receiver, clang and zlib's headers link Native AOT. They install nothing themselves.
command -v python3 >/dev/null 2>&1 || need python3 python
command -v curl >/dev/null 2>&1 || need curl curl
command -v clang >/dev/null 2>&1 || need clang llvm
[ -e /usr/include/zlib.h ] || need zlib1g-dev zlib

if [ ${#npm_folders[@]} -gt 0 ]; then
  command -v node >/dev/null 2>&1 || need nodejs node
  command -v npm >/dev/null 2>&1 || need npm node
fi

if [ ${#debian[@]} -gt 0 ]; then
  packages="$(printf '%s\n' "${debian[@]}" | sort -u | xargs)"
  if ! command -v apt-get >/dev/null 2>&1; then
    formulae="$(printf '%s\n' "${homebrew[@]}" | sort -u | xargs)"
    how="apt-get install $packages (Debian)"
    [ -z "$formulae" ] || how="brew install $formulae (macOS), or $how"
    case " $packages " in *" chromium "*) how="$how; for chromium, playwright install chromium" ;; esac
    echo "eng/test.sh: the tests need what is not installed: $how." >&2
    exit 1
  fi

  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    echo "eng/test.sh: the tests need what is not installed, and installing it needs root: sudo apt-get install -y $packages" >&2
    exit 1
  fi

  echo "eng/test.sh: installing $packages"
  # shellcheck disable=SC2086 # one word per package
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # shellcheck disable=SC2086
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages
fi

for folder in ${npm_folders[@]+"${npm_folders[@]}"}; do
  npm ci --prefix "$folder"
done

exec dotnet test WebhookSignatures.sln "$@"
