#!/usr/bin/env bash
# Installs code-server 4.99.4 (VS Code 1.99.3, Node 20) from the npm registry (nothing else is
# downloaded) into a cache folder outside the repository and prints the path of its server-main.js.
#
#   LOCAL_COMPLETE_CACHE   cache root (default: $HOME/.cache/local-complete)
#
# Idempotent: a marker file written as the very last step says the install is
# complete; a half-finished install (no marker) is wiped and redone.
# Needs: node 20, npm (registry access on first run), ripgrep, libkrb5-dev, and a C++ toolchain:
#   apt-get install -y libkrb5-dev ripgrep build-essential python3
set -euo pipefail

VERSION=4.99.4
CACHE_ROOT="${LOCAL_COMPLETE_CACHE:-$HOME/.cache/local-complete}"
DIR="$CACHE_ROOT/code-server-$VERSION"
MARKER="$DIR/.complete"
VSCODE="$DIR/node_modules/code-server/lib/vscode"
SERVER_MAIN="$VSCODE/out/server-main.js"

log() { echo "[install-code-server] $*" >&2; }

if [[ -f "$MARKER" && -f "$SERVER_MAIN" ]]; then
  echo "$SERVER_MAIN"
  exit 0
fi

RG="$(command -v rg || true)"
if [[ -z "$RG" ]]; then
  log "ripgrep not found: apt-get install -y ripgrep"
  exit 1
fi
for tool in make g++ python3; do
  if ! command -v "$tool" >/dev/null; then
    log "$tool not found: native modules are compiled; apt-get install -y build-essential python3"
    exit 1
  fi
done
if [[ ! -e /usr/include/krb5.h && ! -e /usr/include/gssapi/gssapi.h ]]; then
  log "warning: Kerberos headers not found; if the kerberos rebuild fails: apt-get install -y libkrb5-dev"
fi

log "installing code-server@$VERSION into $DIR (takes a few minutes)"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
# A folder of its own: keep npm from walking up into some other package.json.
echo '{"name":"local-complete-code-server","private":true}' > package.json

export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

log "npm install code-server (no scripts)"
npm install --ignore-scripts --no-save "code-server@$VERSION" >&2

log "npm install lib/vscode production dependencies"
(cd "$VSCODE" && npm install --omit=dev --ignore-scripts >&2)

log "ripgrep from the system"
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
cp "$RG" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"

log "rebuilding native modules of lib/vscode"
(cd "$VSCODE" && npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog >&2)
ln -sfn node_modules "$VSCODE/node_modules.asar"

log "npm install built-in extensions' dependencies"
(cd "$VSCODE/extensions" && npm install --omit=dev --ignore-scripts >&2)

log "rebuilding argon2"
npm rebuild argon2 >&2

[[ -f "$SERVER_MAIN" ]] || { log "server-main.js missing after install: $SERVER_MAIN"; exit 1; }
date -u +%FT%TZ > "$MARKER"
log "done"
echo "$SERVER_MAIN"
