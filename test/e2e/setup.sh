#!/usr/bin/env bash
# Sets up the real-editor test harness on a fresh Debian 12 machine (run as root; idempotent:
# every step is skipped when its result is already there).
#   1. Debian packages: chromium (driven by playwright-core) and libkrb5-dev (code-server's
#      'kerberos' native module builds from source against gssapi).
#   2. A seeded download cache for @vscode/ripgrep, whose postinstall would fetch rg from GitHub.
#   3. `npm ci` of this folder's own package.json (code-server + playwright-core), kept apart from
#      the main project so the main `npm ci` stays fast.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
say() { echo "[e2e-setup $(date +%T)] $*"; }

# --- 1. Debian packages ----------------------------------------------------------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v krb5-config >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "e2e setup needs Debian packages: ${need[*]} — run 'sudo apt-get install ${need[*]}' first" >&2
    exit 1
  fi
  say "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  say "chromium and libkrb5-dev present"
fi

# --- 3 (checked first). Is the install already current? -------------------------------------
STAMP=$HERE/node_modules/.prototxt-lens-setup
LOCKSUM=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)
if [ -x "$HERE/node_modules/.bin/code-server" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$LOCKSUM" ]; then
  say "code-server and playwright-core already installed"
  exit 0
fi

# --- 2. Seed @vscode/ripgrep's download cache ------------------------------------------------
# The versions are the ones code-server 4.100.3 pins (see package-lock.json): @vscode/ripgrep
# 1.15.11 downloads ripgrep v13.0.0-10 into $TMPDIR/vscode-ripgrep-cache-<its version>/.
# The same rg binary ships inside the npm package @vscode/ripgrep-linux-x64.
RG_PKG_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
SEED=$HERE/.cache/tmp
RG_CACHE=$SEED/vscode-ripgrep-cache-$RG_PKG_VERSION
if [ ! -s "$RG_CACHE/$RG_ASSET" ]; then
  say "seeding the ripgrep download cache from @vscode/ripgrep-linux-x64"
  mkdir -p "$RG_CACHE" "$HERE/.cache/rg"
  (cd "$HERE/.cache/rg" && npm pack --silent @vscode/ripgrep-linux-x64@1.18.0 >/dev/null \
     && tar xzf vscode-ripgrep-linux-x64-1.18.0.tgz)
  tar czf "$RG_CACHE/$RG_ASSET" -C "$HERE/.cache/rg/package/bin" rg
fi

# --- 3. Install code-server + playwright-core -----------------------------------------------
#  unsafe_perm: code-server's postinstall refuses to run as root otherwise;
#  yes: node-pty's postinstall runs `npx node-gyp`, which would prompt.
say "npm ci in test/e2e (code-server, playwright-core)"
cd "$HERE"
TMPDIR=$SEED npm_config_unsafe_perm=true npm_config_yes=true \
  npm ci --no-audit --no-fund --loglevel=error
echo "$LOCKSUM" > "$STAMP"
say "done"
