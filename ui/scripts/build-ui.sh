#!/usr/bin/env sh
# Builds the web UI into target/dist with the machine's node and npm. Installs the locked dependencies when
# package-lock.json changed since the last install and rebuilds only when a source changed since the last build.
set -eu
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "baton-ui: node and npm were not found on PATH; install Node.js 20 or newer (with npm) to build the web UI" >&2
  exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

stamp=target/dist/index.html
if [ -f "$stamp" ] && [ -z "$(find src public index.html vite.config.js package-lock.json -newer "$stamp" 2>/dev/null | head -n 1)" ]; then
  echo "baton-ui: target/dist is up to date"
  exit 0
fi
npx --no-install vite build --logLevel warn
